"""Puts the screens the end-to-end tests captured into README.md.

Each block that follows a line <!-- capture NAME --> is replaced by
NAME.txt from the capture directory: trailing spaces cut and the blank
filler lines of the full screen folded into one. Nothing else is changed:
the paths are the tests' own scratch directories.
Usage: python3 readme_captures.py README.md CAPTURE_DIR
"""
import pathlib
import re
import sys

def screen(path):
    lines = [l.rstrip() for l in path.read_text().splitlines()]
    out = []
    for l in lines:
        if l == "" and out and out[-1] == "":
            continue
        out.append(l)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def main(readme, captures):
    text = pathlib.Path(readme).read_text()
    marker = re.compile(r"(<!-- capture (\S+) -->\n```\n)(.*?)(\n```\n)", re.S)
    missing = []

    def replace(m):
        f = pathlib.Path(captures) / (m.group(2) + ".txt")
        if not f.exists():
            missing.append(m.group(2))
            return m.group(0)
        return m.group(1) + screen(f) + m.group(4)

    text = marker.sub(replace, text)
    pathlib.Path(readme).write_text(text)
    if missing:
        sys.exit("no capture for: " + ", ".join(missing))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
