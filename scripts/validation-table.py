#!/usr/bin/env python3
"""Markdown tables from `scalescope validate --json` output (used for docs/validation.md).

Usage:
    scripts/validation-table.py AFTER.json [BEFORE.json]

Prints the per-row table (id, metric, published, predicted, error), the summary and the skipped
rows of AFTER; with BEFORE, also the rows whose prediction or status differs between the two.
"""

import json
import sys


def number(value):
    return f"{value:.4g}"


def percent(value):
    return f"{100.0 * value:+.1f}%"


def rows_table(report):
    lines = ["| id | metric | published | predicted | error |", "|---|---|---|---|---|"]
    for row in report["rows"]:
        lines.append(f"| {row['id']} | {row['metric']} | {number(row['published'])} | "
                     f"{number(row['predicted'])} | {percent(row['relative_error'])} |")
    return "\n".join(lines)


def summary(report):
    s = report["summary"]
    return (f"{s['rows']} rows compared, {len(report['skipped'])} skipped: median |error| "
            f"{100 * s['median_abs_relative_error']:.1f}%, p90 "
            f"{100 * s['p90_abs_relative_error']:.1f}%, mean "
            f"{100 * s['mean_abs_relative_error']:.1f}%, max "
            f"{100 * s['max_abs_relative_error']:.1f}%")


def skipped_table(report):
    lines = ["| id | reason |", "|---|---|"]
    for skip in report["skipped"]:
        lines.append(f"| {skip['id']} | {skip['reason']} |")
    return "\n".join(lines)


def moves(after, before):
    old = {row["id"]: row for row in before["rows"]}
    new = {row["id"]: row for row in after["rows"]}
    old_skips = {skip["id"]: skip["reason"] for skip in before["skipped"]}
    new_skips = {skip["id"]: skip["reason"] for skip in after["skipped"]}
    lines = ["| id | before | after |", "|---|---|---|"]
    for key in sorted(set(old) | set(new)):
        if key in old and key in new:
            a, b = old[key], new[key]
            if abs(a["predicted"] - b["predicted"]) > 1e-9 * max(1.0, abs(a["predicted"])):
                lines.append(f"| {key} | {percent(a['relative_error'])} | "
                             f"{percent(b['relative_error'])} |")
        elif key in old:
            lines.append(f"| {key} | {percent(old[key]['relative_error'])} | skipped: "
                         f"{new_skips.get(key, '?')} |")
        else:
            lines.append(f"| {key} | skipped: {old_skips.get(key, '?')} | "
                         f"{percent(new[key]['relative_error'])} |")
    return "\n".join(lines)


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        after = json.load(handle)
    print(summary(after) + "\n")
    print(rows_table(after) + "\n")
    print(skipped_table(after) + "\n")
    if len(argv) == 3:
        with open(argv[2], encoding="utf-8") as handle:
            before = json.load(handle)
        print(summary(before) + "\n")
        print(moves(after, before))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
