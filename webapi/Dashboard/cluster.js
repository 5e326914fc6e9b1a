// Exchanges an ops token (pasted, or in the link's #token=) for the cookie Orleans' dashboard at /orleans/ accepts,
// then opens it. The token leaves the page only in the Authorization header of that one request.
"use strict";

async function open(token) {
  const problem = document.getElementById("problem");
  problem.textContent = "";
  const response = await fetch("/api/v1/cluster/session", { method: "POST", headers: { Authorization: "Bearer " + token } });
  if (response.status === 204) {
    location.replace("/orleans/");
    return;
  }

  problem.textContent = response.status === 403
    ? "This token cannot open the cluster dashboard: it needs the role ops."
    : "The token was refused (" + response.status + "): it may have expired.";
}

document.getElementById("form").addEventListener("submit", (event) => {
  event.preventDefault();
  open(document.getElementById("token").value.trim());
});

const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
if (fromLink) {
  history.replaceState(null, "", location.pathname);
  open(fromLink);
}
