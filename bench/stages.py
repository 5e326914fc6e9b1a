#!/usr/bin/env python3
"""Reads dotnet-trace sampled-thread-time traces (Speedscope export) of the web API and the silo and prints where
their managed CPU goes, by stage of the intake path. Only samples whose leaf is CPU_TIME (a thread in managed code)
count; waits and native code are left out, so the shares are of managed CPU, not of wall time.

Usage: stages.py WEBAPI.speedscope.json SILO.speedscope.json [--us-per-lead webapi=N silo=N] [--other N]
With --us-per-lead (the /proc CPU per accepted lead of each process, as bench/run.sh measures it) the shares are also
shown as microseconds per lead."""
import collections
import json
import sys

# A sample goes to the first stage whose marker appears anywhere on its stack (the order is the priority: the stage a
# piece of work serves, e.g. serializing a grain's state for the commit, counts as the commit).
STAGES = [
    ("commit (group commit, MySqlConnector)", ["MySqlConnector!", "CrmActors.Silo.Storage.", "Orleans.Reminders.AdoNet", "Orleans.Persistence.AdoNet"]),
    ("reminder table (lead deadlines)", ["ReminderService", "Orleans.Reminders"]),
    ("routing decision (router actor)", ["RouterGrain", "CrmActors.Routing!"]),
    ("rep actor (reservation, load, inbox)", ["RepGrain"]),
    ("lead actor (activation, adoption, writes)", ["LeadGrain"]),
    ("customer turn (dedup, capture)", ["CustomerGrain", "CustomerDirectoryGrain"]),
    ("statistics feed", ["CrmActors.Grains.Stats.", "TenantStatsGrain"]),
    ("validation (web API)", ["Validation", "Validator", "LeadRequest", "Problem"]),
    ("client hop (web API to silo)", ["Orleans.Core!Orleans.Runtime.OutsideRuntimeClient", "ClusterClient", "GatewayManager", "ClientMessageCenter", "GrainReference"]),
    ("HTTP + auth (Kestrel, ASP.NET Core, JWT)", ["Microsoft.AspNetCore", "JwtBearer", "Microsoft.IdentityModel", "System.IdentityModel"]),
    ("serialization (Orleans codecs, JSON)", ["Orleans.Serialization", "OrleansCodeGen", "System.Text.Json"]),
    ("Orleans messaging and scheduling", ["Orleans.Runtime", "Orleans.Core", "Orleans.Networking", "System.Net.Sockets", "System.IO.Pipelines"]),
]


def slices(path):
    """(stack of frame names, milliseconds) for every managed-CPU slice of every thread."""
    data = json.load(open(path, encoding="utf-8"))
    frames = [f["name"] for f in data["shared"]["frames"]]
    for profile in data["profiles"]:
        stack, last = [], None
        for event in profile["events"]:
            if last is not None and stack and frames[stack[-1]] == "CPU_TIME":
                yield [frames[i] for i in stack], event["at"] - last
            last = event["at"]
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                stack.pop()


def stage_of(stack):
    for name, markers in STAGES:
        if any(m in frame for frame in stack for m in markers):
            return name
    return "other (runtime, GC helpers, thread pool)"


def report(label, path, us_per_lead, show_other):
    totals = collections.Counter()
    other = collections.Counter()
    for stack, ms in slices(path):
        stage = stage_of(stack)
        totals[stage] += ms
        if stage.startswith("other"):
            for frame in set(stack[-6:-1]):
                other[frame] += ms
    busy = sum(totals.values())
    print(f"{label}: {busy / 1000:.1f} s of managed CPU samples")
    for stage, ms in totals.most_common():
        share = ms / busy if busy else 0
        per_lead = f"{share * us_per_lead:8.0f} us/lead" if us_per_lead else ""
        print(f"  {share * 100:5.1f}%  {per_lead}  {stage}")
    for frame, ms in other.most_common(show_other):
        print(f"      other: {ms / busy * 100:5.1f}%  {frame[:140]}")


def main(argv):
    paths, us, show_other, i = [], {}, 0, 0
    while i < len(argv):
        if argv[i] == "--us-per-lead":
            while i + 1 < len(argv) and "=" in argv[i + 1]:
                key, value = argv[i + 1].split("=", 1)
                us[key] = float(value)
                i += 1
        elif argv[i] == "--other":
            show_other = int(argv[i + 1])
            i += 1
        else:
            paths.append(argv[i])
        i += 1
    if len(paths) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    report("web API", paths[0], us.get("webapi"), show_other)
    report("silo", paths[1], us.get("silo"), show_other)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
