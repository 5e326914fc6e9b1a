// The manager dashboard: reads /api/v1/stats with the caller's token, follows /api/v1/stats/stream (server-sent
// events read through fetch, which unlike EventSource can send the Authorization header) and redraws on every
// change. All data is written as text (textContent), never as markup.
"use strict";

const texts = {
  en: {
    title: "Live sales health", team: "Team", rep: "Rep", apply: "Apply", offline: "offline", live: "live",
    signinHelp: "Paste an access token (crmctl token --role manager) to see your numbers.", signin: "Sign in",
    scope: "Scope", updated: "Updated", window: "share metrics over the last", days: "days",
    perMinute: "Leads in and assigned per minute (last hour)", funnel: "Open leads by action stage", repLoad: "Rep load",
    metricsTable: "All metrics", reps: "Reps", trusted: "Trusted leads today", behind: "Leads behind", csv: "CSV",
    prev: "Previous", next: "Next", leadsIn: "Leads in", assigned: "Assigned", open: "Open", overdue: "Overdue", escalated: "Escalated",
    metric: "Metric", value: "Value", count: "Based on", healthy: "Healthy", alarm: "Alarm", state: "State",
    lead: "Lead", name: "Name", owner: "Owner", stage: "Stage", created: "Created", met: "Meets", detail: "Detail",
    repId: "Rep", teamId: "Team", page: "page", of: "of", none: "none yet",
    regions: "By region", region: "Region", leads: "Leads", firstResponse: "First response, median", touched48: "Touched within 48 h",
    conversion: "Conversion", alarms: "Alarms", unknownRegion: "unknown",
    states: { healthy: "healthy", warning: "warning", alarm: "alarm", info: "info", "no-data": "no data" },
    metrics: {
      "leads-in-per-minute": "Leads in / min", "assigned-per-minute": "Assigned / min", "unassigned": "Unassigned", "unassigned-longest-wait": "Longest wait for an owner",
      "first-response-median": "First response, median", "first-response-p90": "First response, p90",
      "touched-within-48h": "Touched within 48 h", "touched-within-sla": "Touched within SLA", "overdue": "Overdue",
      "escalated": "Escalated", "mql-to-sql-48h": "MQL → SQL within 48 h", "stage-on-time": "Stage on time",
      "key-fields-complete": "Key fields complete", "evidence-rate": "Follow-ups with evidence",
      "entered-within-24h": "Entered within 24 h", "action-continuity": "Action continuity",
      "coordination-latency": "Service → sales latency", "open": "Open leads",
    },
    units: { "per-minute": "/min", "leads": "", "minutes": "min", "percent": "%" },
  },
  zh: {
    title: "实时销售健康度", team: "团队", rep: "销售", apply: "应用", offline: "离线", live: "实时",
    signinHelp: "粘贴访问令牌（crmctl token --role manager）查看数据。", signin: "登录",
    scope: "范围", updated: "更新于", window: "比例类指标统计最近", days: "天",
    perMinute: "每分钟进线与分配（最近一小时）", funnel: "按行动阶段的在跟线索", repLoad: "销售负载",
    metricsTable: "全部指标", reps: "销售", trusted: "今日可信线索", behind: "指标背后的线索", csv: "导出 CSV",
    prev: "上一页", next: "下一页", leadsIn: "进线", assigned: "已分配", open: "在跟", overdue: "超时", escalated: "已升级",
    metric: "指标", value: "数值", count: "样本数", healthy: "健康", alarm: "警戒", state: "状态",
    lead: "线索", name: "名称", owner: "负责人", stage: "阶段", created: "创建时间", met: "达标", detail: "说明",
    repId: "销售", teamId: "团队", page: "第", of: "页，共", none: "暂无",
    regions: "按地区", region: "地区", leads: "线索", firstResponse: "首次响应中位数", touched48: "48 小时内触达",
    conversion: "转化率", alarms: "告警", unknownRegion: "未知",
    states: { healthy: "健康", warning: "关注", alarm: "警戒", info: "信息", "no-data": "无数据" },
    metrics: {
      "leads-in-per-minute": "每分钟进线", "assigned-per-minute": "每分钟分配", "unassigned": "未分配", "unassigned-longest-wait": "最长待分配时长",
      "first-response-median": "首次响应中位数", "first-response-p90": "首次响应 P90",
      "touched-within-48h": "48 小时内触达", "touched-within-sla": "SLA 内触达", "overdue": "超时未触达",
      "escalated": "已升级", "mql-to-sql-48h": "48 小时 MQL→SQL", "stage-on-time": "阶段按时推进",
      "key-fields-complete": "关键字段完整", "evidence-rate": "跟进附证据",
      "entered-within-24h": "24 小时内录入", "action-continuity": "行动连续性",
      "coordination-latency": "服务→销售协同时延", "open": "在跟线索",
    },
    units: { "per-minute": "/分钟", "leads": "", "minutes": "分钟", "percent": "%" },
  },
};

const state = {
  lang: localStorage.getItem("crm.lang") || ((navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en"),
  token: null, view: null, regions: null, charts: {}, drill: null, stream: null,
};
const $ = (id) => document.getElementById(id);
const t = (key) => texts[state.lang][key] ?? key;

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function scopeQuery() {
  const q = new URLSearchParams();
  if ($("team").value.trim()) q.set("team", $("team").value.trim());
  if ($("rep").value.trim()) q.set("rep", $("rep").value.trim());
  return q;
}

async function api(path, query) {
  const url = "/api/v1/" + path + (query && [...query].length ? "?" + query : "");
  const response = await fetch(url, { headers: { Authorization: "Bearer " + state.token } });
  if (response.status === 401) { signOut(); throw new Error("unauthorized"); }
  if (!response.ok) throw new Error((await response.text()) || response.statusText);
  return response;
}

function format(m) {
  if (m.value === null || m.value === undefined) return "–";
  const unit = texts[state.lang].units[m.unit] ?? "";
  const digits = m.unit === "per-minute" ? 2 : m.unit === "leads" ? 0 : 1;
  return Number(m.value).toFixed(digits) + (unit ? " " + unit : "");
}

function threshold(m) {
  const parts = [];
  const op = m.higherIsBetter ? "≥" : "≤";
  if (m.healthy !== null && m.healthy !== undefined) parts.push(t("healthy") + " " + op + " " + m.healthy);
  if (m.alarm !== null && m.alarm !== undefined) parts.push(t("alarm") + " " + (m.higherIsBetter ? "<" : ">") + " " + m.alarm);
  return parts.join(" · ");
}

function render(view) {
  state.view = view;
  $("scope").textContent = view.scope;
  $("updated").textContent = new Date(view.computedAt).toLocaleTimeString();
  $("windowDays").textContent = view.windowDays;
  const cards = $("metrics");
  cards.replaceChildren(...view.metrics.map((m) => {
    const card = el("div", null, "card " + m.state);
    card.dataset.metric = m.id;
    card.dataset.count = m.count;
    card.dataset.state = m.state;
    card.tabIndex = 0;
    card.append(el("div", texts[state.lang].metrics[m.id] ?? m.id, "name"), el("div", format(m), "value"),
      el("div", [texts[state.lang].states[m.state], threshold(m), t("count") + " " + m.count].filter(Boolean).join(" · "), "sub"));
    card.addEventListener("click", () => drill(m.id, 1));
    return card;
  }));
  table($("metricsTable"), [t("metric"), t("value"), t("count"), t("healthy"), t("alarm"), t("state")],
    view.metrics.map((m) => [[texts[state.lang].metrics[m.id] ?? m.id], [format(m)], [m.count], [m.healthy ?? "–"], [m.alarm ?? "–"], [texts[state.lang].states[m.state], "state-" + m.state]]));
  table($("repsTable"), [t("repId"), t("teamId"), t("open"), t("overdue"), t("escalated")],
    view.reps.map((r) => [[r.repId], [r.teamId ?? "–"], [r.open], [r.overdue], [r.escalated]]));
  charts(view);
}

function table(node, headers, rows) {
  const head = el("tr");
  head.append(...headers.map((h) => el("th", h)));
  const body = rows.length ? rows.map((cells) => {
    const tr = el("tr");
    tr.append(...cells.map(([text, cls]) => el("td", text, cls)));
    return tr;
  }) : [(() => { const tr = el("tr"); const td = el("td", t("none")); td.colSpan = headers.length; tr.append(td); return tr; })()];
  node.replaceChildren(head, ...body);
}

function charts(view) {
  if (!window.Chart) return;
  const minute = view.perMinute.map((b) => new Date(b.minute).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
  upsert("perMinute", "perMinuteChart", "line", minute, [
    { label: t("leadsIn"), data: view.perMinute.map((b) => b.leadsIn), borderColor: "#2b6cb0", backgroundColor: "#2b6cb0", tension: 0.2 },
    { label: t("assigned"), data: view.perMinute.map((b) => b.assigned), borderColor: "#1b873f", backgroundColor: "#1b873f", tension: 0.2 },
  ]);
  upsert("funnel", "funnelChart", "bar", view.funnel.map((f) => f.stage), [{ label: t("open"), data: view.funnel.map((f) => f.leads), backgroundColor: "#805ad5" }],
    (i) => drill("funnel-" + view.funnel[i].stage, 1));
  const reps = view.reps.slice(0, 15);
  upsert("reps", "repChart", "bar", reps.map((r) => r.repId), [
    { label: t("open"), data: reps.map((r) => r.open), backgroundColor: "#3182ce" },
    { label: t("overdue"), data: reps.map((r) => r.overdue), backgroundColor: "#c53030" },
  ], (i) => drill("open", 1, state.view.reps[i].repId));
}

// Creates or updates a chart; clicking a bar or point drills down into the leads behind it.
function upsert(key, canvasId, type, labels, datasets, onPick) {
  const chart = state.charts[key];
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets.forEach((d, i) => { d.data = datasets[i].data; d.label = datasets[i].label; });
    chart.update("none");
    return;
  }
  state.charts[key] = new Chart($(canvasId), {
    type, data: { labels, datasets },
    options: {
      animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      onClick: (_, elements) => { if (onPick && elements.length) onPick(elements[0].index); },
    },
  });
}

async function loadTrusted() {
  const leads = await (await api("stats/trusted-leads", scopeQuery())).json();
  table($("trustedTable"), [t("lead"), t("name"), t("owner"), t("stage"), t("detail")], leads.map((l) => [[l.leadId], [l.name], [l.ownerRepId ?? "–"], [l.stage], [l.detail]]));
}

// Provinces with their cities under them; a row drills down into the region's leads.
async function loadRegions() {
  renderRegions(await (await api("stats/regions", scopeQuery())).json());
}

function renderRegions(view) {
  state.regions = view;
  const zh = state.lang === "zh";
  const rows = view.provinces.flatMap((p) => [p.total, ...p.cities]);
  table($("regionsTable"), [t("region"), t("leads"), t("firstResponse"), t("touched48"), t("conversion"), t("alarms")], rows.map((r) => {
    const province = r.province === "unknown" ? t("unknownRegion") : (zh && r.provinceZh) || r.province;
    const name = r.city ? "  └ " + ((zh && r.cityZh) || r.city) : province;
    const pct = (v) => (v === null || v === undefined ? "–" : Number(v).toFixed(1) + " %");
    return [[name, r.city ? "city" : "province"], [r.leads], [r.firstResponseMedianMinutes === null ? "–" : Number(r.firstResponseMedianMinutes).toFixed(1) + " " + texts[state.lang].units.minutes],
      [pct(r.touchedWithin48hRate), "state-" + r.touchedWithin48hState], [pct(r.conversionRate)], [r.alarms, r.alarms > 0 ? "state-alarm" : ""]];
  }));
  [...$("regionsTable").querySelectorAll("tr")].slice(1).forEach((tr, i) => {
    const r = rows[i];
    if (!r) return;
    tr.dataset.province = r.province;
    if (r.city) tr.dataset.city = r.city;
    tr.tabIndex = 0;
    tr.addEventListener("click", () => drillRegion(r.province, r.city, 1));
  });
}

async function drillRegion(province, city, page) {
  state.drill = { region: { province, city }, page };
  const q = scopeQuery();
  if (city) q.set("city", city);
  q.set("page", page);
  q.set("pageSize", 20);
  const path = "stats/regions/" + encodeURIComponent(province) + "/leads";
  const result = await (await api(path, q)).json();
  showDrill(city ? province + " · " + city : province, path, city ? { city } : {}, result, page);
}

function redrill(page) {
  const d = state.drill;
  return d.region ? drillRegion(d.region.province, d.region.city, page) : drill(d.metric, page, d.rep);
}

async function drill(metric, page, rep) {
  state.drill = { metric, page, rep };
  const q = scopeQuery();
  if (rep) q.set("rep", rep);
  q.set("page", page);
  q.set("pageSize", 20);
  const path = "stats/metrics/" + encodeURIComponent(metric) + "/leads";
  const result = await (await api(path, q)).json();
  showDrill((texts[state.lang].metrics[metric] ?? metric) + (rep ? " · " + rep : ""), path, {}, result, page);
}

function showDrill(title, path, extra, result, page) {
  $("drill").hidden = false;
  $("drillMetric").textContent = title;
  $("drillCsv").dataset.csv = path;
  $("drillCsv").dataset.query = JSON.stringify(extra);
  table($("drillTable"), [t("lead"), t("name"), t("owner"), t("stage"), t("created"), t("met"), t("detail")],
    result.leads.map((l) => [[l.leadId], [l.name], [l.ownerRepId ?? "–"], [l.stage], [new Date(l.createdAt).toLocaleString()], [l.met === null ? "–" : l.met ? "✓" : "✗"], [l.detail]]));
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  $("pageInfo").textContent = `${t("page")} ${page} ${t("of")} ${pages} (${result.total})`;
  $("prev").disabled = page <= 1;
  $("next").disabled = page >= pages;
}

async function download(path, extra) {
  const q = scopeQuery();
  Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
  q.set("format", "csv");
  const blob = await (await api(path, q)).blob();
  const link = el("a");
  link.href = URL.createObjectURL(blob);
  link.download = path.split("/").filter(Boolean).pop() + ".csv";
  document.body.append(link);
  link.click();
  link.remove();
}

async function follow() {
  if (state.stream) state.stream.abort();
  const controller = new AbortController();
  state.stream = controller;
  while (!controller.signal.aborted) {
    try {
      const response = await fetch("/api/v1/stats/stream?" + scopeQuery(), { headers: { Authorization: "Bearer " + state.token }, signal: controller.signal });
      if (response.status === 401) { signOut(); return; }
      if (!response.ok || !response.body) throw new Error(response.statusText);
      setLive(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
          if (message.includes("event: stats") && data) {
            render(JSON.parse(data));
            loadTrusted().catch(() => {});
            loadRegions().catch(() => {});
          }
        }
      }
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    setLive(false);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function setLive(on) {
  const live = $("live");
  live.className = "live " + (on ? "on" : "off");
  live.dataset.i18n = on ? "live" : "offline";
  live.textContent = t(live.dataset.i18n);
}

function translate() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  $("lang").textContent = state.lang === "zh" ? "English" : "中文";
  if (state.view) render(state.view);
  if (state.regions) renderRegions(state.regions);
}

function signOut() {
  sessionStorage.removeItem("crm.token");
  state.token = null;
  $("board").hidden = true;
  $("signin").hidden = false;
}

function start(token) {
  state.token = token;
  sessionStorage.setItem("crm.token", token);
  $("signin").hidden = true;
  $("board").hidden = false;
  follow();
}

document.addEventListener("DOMContentLoaded", () => {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get("token")) history.replaceState(null, "", location.pathname + location.search);
  const token = fragment.get("token") || sessionStorage.getItem("crm.token");
  $("lang").addEventListener("click", () => { state.lang = state.lang === "zh" ? "en" : "zh"; localStorage.setItem("crm.lang", state.lang); translate(); });
  $("apply").addEventListener("click", () => { $("drill").hidden = true; follow(); });
  $("signinButton").addEventListener("click", () => { if ($("token").value.trim()) start($("token").value.trim()); });
  $("prev").addEventListener("click", () => redrill(state.drill.page - 1));
  $("next").addEventListener("click", () => redrill(state.drill.page + 1));
  document.querySelectorAll("button.csv").forEach((b) => b.addEventListener("click", () => download(b.dataset.csv, b.dataset.query ? JSON.parse(b.dataset.query) : {})));
  translate();
  if (token) start(token); else signOut();
});
