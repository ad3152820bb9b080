"""Fill empty msgstr entries of a .po file from a JSON dict {msgid: Dutch}, and report
what is still untranslated. Usage: python scripts/po_fill.py PO_FILE TRANSLATIONS_JSON

Kept small on purpose: the .po file is the source of truth; this only saves typing when
many strings arrive at once."""

import json
import sys


def unquote(lines):
    return "".join(json.loads(line) for line in lines if line.startswith('"'))


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def main(po_path, json_path):
    translations = json.load(open(json_path, encoding="utf-8"))
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    missing = []
    out = []
    for block in blocks:
        lines = block.split("\n")
        try:
            i_id = next(i for i, line in enumerate(lines) if line.startswith("msgid "))
            i_str = next(i for i, line in enumerate(lines) if line.startswith("msgstr "))
        except StopIteration:
            out.append(block)
            continue
        msgid = unquote([lines[i_id][6:], *lines[i_id + 1 : i_str]])
        msgstr = unquote([lines[i_str][7:], *lines[i_str + 1 :]])
        if msgid and not msgstr:
            if msgid in translations:
                lines = [*lines[:i_str], "msgstr " + quote(translations[msgid])]
                lines = [line for line in lines if not line.startswith("#, fuzzy")]
            else:
                missing.append(msgid)
        out.append("\n".join(lines))
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out))
    for msgid in missing:
        print("UNTRANSLATED:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
