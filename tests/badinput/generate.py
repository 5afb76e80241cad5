"""The bad-input corpus: the files in this folder plus the cases made by code
(binary data, encodings, sizes, archives, links), with the outcome each must have.

`build(target)` writes the whole corpus into `target`; `EXPECTED` maps each file to
what reading it must give: ("articles", n) for n articles read, ("skip", reason) for
one skip line with that reason, or ("ignored", suffix) for a file of another type
that a directory walk passes over (counted in the summary).
"""

from __future__ import annotations

import os
import random
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def story(host: str, guest: str, city: str, day: str, topic: str) -> str:
    return (f"The foreign minister of {host} met the foreign minister of {guest} in {city} on {day}. "
            f"The two ministers discussed {topic} and agreed to meet again before the end of the year, "
            f"a spokesman for the ministry of {host} told reporters after the talks in {city}.")


EXPECTED: dict[str, tuple[str, object]] = {
    # files in this folder
    "empty.txt": ("skip", "empty"),
    "whitespace_only.txt": ("skip", "empty"),
    "one_word.txt": ("skip", "empty"),
    "non_english.txt": ("skip", "non_english"),
    "good_plain.txt": ("articles", 1),
    "html_no_body.html": ("skip", "empty"),
    "html_only_scripts.html": ("skip", "empty"),
    "good_page.html": ("articles", 1),
    "array_not_lines.jsonl": ("articles", 2),
    "wrong_field.jsonl": ("skip", "empty"),
    "body_and_date.jsonl": ("articles", 1),
    "t17_style.json": ("articles", 1),
    "relative_date.jsonl": ("skip", "bad_date"),
    "impossible_date.jsonl": ("skip", "bad_date"),
    "ambiguous_date.jsonl": ("skip", "bad_date"),
    "wrong_json_line.jsonl": ("articles+skip", "malformed"),
    "unclosed_quote.csv": ("articles+skip", "malformed"),
    "semicolons_bom.csv": ("articles", 1),
    "comma_bom.csv": ("articles", 1),
    "lexisnexis_export.txt": ("articles", 2),
    "factiva_export.txt": ("articles", 2),
    "analysis_page.txt": ("articles", 1),
    # made by code
    "binary.txt": ("skip", "binary"),
    "printable_noise.txt": ("skip", "binary"),
    "control_bytes.txt": ("skip", "binary"),
    "nul_bytes_in_text.txt": ("articles", 1),
    "truncated_utf8.txt": ("articles", 1),
    "utf16_bom.txt": ("articles", 1),
    "utf16_no_bom.txt": ("articles", 1),
    "latin1.txt": ("articles", 1),
    "mixed_encodings.txt": ("articles", 1),
    "too_large.txt": ("skip", "too_large"),
    "deeply_nested.json": ("skip", "malformed"),
    "archive.zip": ("ignored", ".zip"),
}


def build(target: Path) -> Path:
    """Write the corpus into `target` (created); returns it."""
    target.mkdir(parents=True, exist_ok=True)
    for path in HERE.iterdir():
        if path.suffix in {".txt", ".html", ".json", ".jsonl", ".csv"}:
            shutil.copyfile(path, target / path.name)
    rng = random.Random(13)
    (target / "binary.txt").write_bytes(rng.randbytes(4096))
    (target / "printable_noise.txt").write_bytes(bytes(rng.randrange(32, 127) for _ in range(4096)))
    (target / "control_bytes.txt").write_bytes(bytes(rng.choice(b"\x01\x02\x03\x07\x08abc ") for _ in range(4096)))
    text = story("Kenya", "Brazil", "Nairobi", "Monday", "coffee prices and climate finance")
    (target / "nul_bytes_in_text.txt").write_bytes(text[:80].encode() + b"\x00" + text[80:].encode())
    cut = story("Morocco", "Chile", "Rabat", "Friday", "copper and phosphate") + " Café"
    (target / "truncated_utf8.txt").write_bytes(cut.encode("utf-8")[:-1])
    (target / "utf16_bom.txt").write_bytes(story("Egypt", "India", "Cairo", "Sunday", "wheat").encode("utf-16"))
    (target / "utf16_no_bom.txt").write_bytes(
        story("Qatar", "Italy", "Doha", "Sunday", "gas contracts").encode("utf-16-le"))
    (target / "latin1.txt").write_bytes(
        story("France", "Togo", "Paris", "Tuesday", "the café trade and São Tomé").encode("cp1252"))
    (target / "mixed_encodings.txt").write_bytes(
        story("Spain", "Oman", "Madrid", "Monday", "ports").encode("utf-8") + " Señor Pérez".encode("cp1252")
        + " spoke to the Málaga press.".encode("utf-8"))
    (target / "too_large.txt").write_bytes(b"A long line of text that repeats. " * 160_000)
    (target / "deeply_nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with zipfile.ZipFile(target / "archive.zip", "w") as archive:
        archive.writestr("inside.txt", story("Chad", "Fiji", "Suva", "Monday", "fishing"))
    loop = target / "loop"
    if not loop.exists():
        os.symlink(target, loop, target_is_directory=True)  # a directory link to its own parent
    return target
