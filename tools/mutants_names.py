#!/usr/bin/env python3
"""A regex for `cargo mutants --re` that matches exactly the mutants named in
cargo-mutants' `missed.txt` files: to judge a first pass's survivors again
with more tests (MUTANTS.md).

    tools/mutants_names.py mutants.out/missed.txt [--under=runtime/src/xml/]
        [--since=COMMIT]

`--under` keeps the names under a path prefix (repeatable). `--since` moves
line numbers from COMMIT to the working tree along `git diff -U0`; a name
whose line was edited is left out and printed on stderr (its code changed).
"""
import re
import subprocess
import sys

META = set("\\.+*?()|[]{}^$#&-~")


def escape(text):
    return "".join("\\" + c if c in META else c for c in text)


def hunks(commit, path):
    diff = subprocess.run(
        ["git", "diff", "-U0", commit, "--", path], capture_output=True, text=True, check=True
    ).stdout
    for m in re.finditer(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", diff, re.M):
        old, old_len, _new, new_len = m.groups()
        yield int(old), 1 if old_len is None else int(old_len), 1 if new_len is None else int(new_len)


def moved(commit, path, line):
    shift = 0
    for old, old_len, new_len in hunks(commit, path):
        if old_len == 0:
            shift += new_len if old < line else 0
        elif old + old_len - 1 < line:
            shift += new_len - old_len
        elif old <= line:
            return None
    return line + shift


def main(args):
    under = [a.split("=", 1)[1] for a in args if a.startswith("--under=")]
    since = next((a.split("=", 1)[1] for a in args if a.startswith("--since=")), None)
    names = []
    for file in (a for a in args if not a.startswith("--")):
        for name in open(file, encoding="utf-8").read().splitlines():
            m = re.match(r"^([^:]+):(\d+):(\d+): (.*)$", name)
            if not m or (under and not any(m.group(1).startswith(u) for u in under)):
                continue
            path, line, column, what = m.group(1), int(m.group(2)), m.group(3), m.group(4)
            if since:
                line = moved(since, path, line)
                if line is None:
                    print(f"edited since {since}: {name}", file=sys.stderr)
                    continue
            names.append(escape(f"{path}:{line}:{column}: {what}"))
    print("^(" + "|".join(names) + ")$")


if __name__ == "__main__":
    main(sys.argv[1:])
