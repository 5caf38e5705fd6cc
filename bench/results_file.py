"""The one way a bench script puts its section into bench/RESULTS.md: between its BEGIN and
END markers, replacing what was there, or appended when the section is new."""
import pathlib
import re


def write_section(path: pathlib.Path, begin: str, end: str, section: str) -> None:
    """section starts with `begin` and ends with `end` and a newline."""
    text = path.read_text() if path.exists() else ""
    if begin in text:
        text = re.sub(
            re.escape(begin) + ".*?" + re.escape(end) + "\n", lambda _: section, text, flags=re.S
        )
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)
