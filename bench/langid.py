"""Compare language identifiers for the reader's English check.

Measures `py3langid` and `lingua-language-detector` (both ship their models inside
their wheels) on: short English briefs written for this script, the seed articles
and the diplomacy-dev articles from ../shared (all English, skipped when absent),
and French, German, Spanish, Chinese and Urdu texts written for this script.
Prints a markdown table: share judged English per set, milliseconds per article.

    python bench/langid.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ENGLISH_BRIEFS = [
    "The Indian prime minister met the Japanese foreign minister in Delhi on Tuesday.",
    "Brazil and Argentina signed a trade accord in Buenos Aires on Friday.",
    "Kenya's president spoke by phone with the French president on Sunday about security in the region.",
    "Turkish and Greek officials held talks in Ankara on Wednesday.",
    "The German chancellor arrived in Beijing for a two-day visit.",
    "Foreign ministers of the Gulf states met in Riyadh on Monday.",
    "Canada recalls ambassador from Caracas",
    "Egypt and Ethiopia resume dam talks in Cairo",
    "The Australian defence minister visited Jakarta on Thursday, a spokesman said.",
    "South African President meets Nigerian counterpart in Pretoria",
    "UN chief urges ceasefire in a call with Sudanese army leader",
    "Vietnam and the Philippines agreed on Monday to expand coast guard cooperation.",
]

FOREIGN = {
    "fr": [
        "Le ministre des Affaires étrangères a rencontré son homologue allemand à Paris mardi pour parler de la sécurité en Europe.",
        "Les deux dirigeants se sont entretenus par téléphone et ont convenu de relancer les négociations commerciales.",
        "Le président sénégalais est arrivé à Rabat pour une visite officielle de deux jours.",
    ],
    "de": [
        "Der Außenminister traf am Dienstag in Berlin seinen französischen Amtskollegen, um über die Lage in Osteuropa zu sprechen.",
        "Die beiden Regierungschefs telefonierten und vereinbarten, die Handelsgespräche im Herbst fortzusetzen.",
        "Die Kanzlerin reist nächste Woche zu einem zweitägigen Besuch nach Warschau.",
    ],
    "es": [
        "El canciller mexicano se reunió el martes en Madrid con su homólogo español para hablar de migración.",
        "Los dos presidentes conversaron por teléfono y acordaron reanudar las negociaciones comerciales.",
        "La ministra de Defensa viajó a Bogotá para firmar un acuerdo de cooperación.",
    ],
    "zh": [
        "外交部长星期二在北京会见了来访的法国外长，双方就地区安全问题交换了意见。",
        "两国领导人通电话，同意尽快恢复贸易谈判。",
        "总理将于下周对东南亚三国进行正式访问。",
    ],
    "ur": [
        "وزیر خارجہ نے منگل کو اسلام آباد میں اپنے چینی ہم منصب سے ملاقات کی اور علاقائی سلامتی پر بات کی۔",
        "دونوں رہنماؤں نے ٹیلیفون پر بات چیت کی اور تجارتی مذاکرات دوبارہ شروع کرنے پر اتفاق کیا۔",
        "وزیر اعظم اگلے ہفتے دو روزہ سرکاری دورے پر ترکی جائیں گے۔",
    ],
}


def py3langid_detector():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0]


def py3langid_readouts_rule():
    """The rule readouts applies: English unless English is all but ruled out."""
    from readouts.language import check_english

    return lambda text: "en" if check_english(text).english else "other"


def lingua_detector():
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "?"

    return detect


def shared_texts(shared: Path) -> dict[str, list[str]]:
    sets = {}
    for name, folder in (("seeds", shared / "seeds"),
                         ("diplomacy-dev", shared / "data" / "diplomacy-dev" / "articles")):
        if folder.is_dir():
            sets[name] = [p.read_text(encoding="utf-8", errors="replace")[:6000]
                          for p in sorted(folder.glob("*.txt"))]
    return sets


def measure(detect, texts: list[str], expected: str, binary: bool) -> tuple[float, float]:
    """Share judged correctly (binary: only English versus not), ms per text."""
    started = time.perf_counter()
    if binary:
        hits = sum((detect(t) == "en") == (expected == "en") for t in texts)
    else:
        hits = sum(detect(t) == expected for t in texts)
    per_article_ms = (time.perf_counter() - started) / len(texts) * 1000
    return hits / len(texts), per_article_ms


DETECTORS = {
    "py3langid 0.4.0 (top language)": py3langid_detector,
    "py3langid 0.4.0, readouts rule": py3langid_readouts_rule,
    "lingua 2.1.1 (all languages, preloaded)": lingua_detector,
}


def row(name: str, sets: list[tuple[str, list[str], str]]) -> str:
    """One table row, measured in this process (run alone, so RSS is the detector's)."""
    import psutil

    rss_before = psutil.Process().memory_info().rss
    started = time.perf_counter()
    detect = DETECTORS[name]()
    detect("warm up the model before timing it")
    load = time.perf_counter() - started
    rss = (psutil.Process().memory_info().rss - rss_before) / 2**20
    cells, total_ms, total_n = [], 0.0, 0
    for _, texts, expected in sets:
        accuracy, ms = measure(detect, texts, expected, name.endswith("rule"))
        cells.append(f"{accuracy:.0%}")
        total_ms += ms * len(texts)
        total_n += len(texts)
    return f"| {name} | {load:.1f} | {rss:.0f} | " + " | ".join(cells) + f" | {total_ms / total_n:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--only", choices=list(DETECTORS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sets: list[tuple[str, list[str], str]] = [("English briefs", ENGLISH_BRIEFS, "en")]
    sets += [(name, texts, "en") for name, texts in shared_texts(args.shared).items()]
    sets += [(f"{lang} texts", texts, lang) for lang, texts in FOREIGN.items()]
    if args.only:
        print(row(args.only, sets))
        return
    print("| detector | load s | RSS MiB | " + " | ".join(f"{n} ({len(t)})" for n, t, _ in sets)
          + " | ms/article |")
    print("| --- " * (len(sets) + 4) + "|")
    for name in DETECTORS:  # each in its own process: load time and memory are its own
        done = subprocess.run([sys.executable, __file__, "--shared", str(args.shared), "--only", name],
                              capture_output=True, text=True, check=True)
        print(done.stdout.strip())


if __name__ == "__main__":
    main()
