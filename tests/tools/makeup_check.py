#!/usr/bin/env python3
"""Checks a PDF's page make-up the way a careful board member reads it.

Usage: makeup_check.py FILE.pdf

Reads the page-by-page text with poppler's `pdftotext -layout` and the structure tree with
pikepdf (both independent of vplan and Typst) and prints one JSON object:

- "findings": a list of [page, rule, text] for every make-up fault found;
- "hyphenated": how many line ends in body text end in a hyphen (soft or hard);
- "stranded": how many pages end with a heading, a label or a line ending in ":".

The rules:
- stranded-heading: a heading, a bold label or a lead-in ("Insatser under ÅR:") is the last
  thing on its page and what it introduces starts on the next page;
- stranded-colon: the last body line of a page ends in ":";
- split-row: a table row has parts on two pages;
- short-split: a table breaks leaving fewer than three body rows on a page (so also a page
  holding only its totals), or fewer than two when it has five rows or fewer;
- hole: a page other than the last leaves more than 40 % of the text block empty below
  its lowest body line (`pdftotext -bbox-layout`), though no new page was asked for: only the
  contents list ends with a page break of its own (the example plans ask for no other);
- no-continued: a table breaks over pages without "(forts.)" at the top of the next page;
- totals-only: a page begins with a total or result row;
- hyphen-run: more than two consecutive lines end in a hyphen;
- hyphen-page: the last body line of a page ends in a hyphen;
- broken-number: a line ends inside a number, between a number and its unit, or after
  "cirka"/"ca"/"§";
- straight-quote: a straight quote (" or ') in the text.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf

SOFT_HYPHEN = "\u00ad"
UNITS = r"(kr|tkr|mnkr|mkr|Mkr|kronor|%|procent|år)"
TOTAL_ROW = re.compile(r"^(Totala |Totalt |Summa |Årets resultat|Utgående )")
FOOTER = re.compile(r"^Sida \d+ av \d+$")
HEADING_TAGS = {"H1", "H2", "H3", "H4", "H5", "H6", "Title"}


def page_lines(path):
    """The body lines of every page: no running header, footer or footnotes."""
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    if pages and pages[-1].strip() == "":
        pages.pop()
    result = []
    for number, page in enumerate(pages, start=1):
        lines = [l.rstrip() for l in page.split("\n")]
        # Keep blank lines for now: they mark where the footnotes start.
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and FOOTER.match(lines[-1].strip()):
            lines.pop()
        elif lines and re.search(r"Sida \d+ av \d+$", lines[-1].strip()):
            lines.pop()
        if number > 1 and lines:
            # The running header is the first line from page 2 on.
            first = next((i for i, l in enumerate(lines) if l.strip()), None)
            if first is not None:
                lines = lines[first + 1:]
        # Footnotes: a block after a blank line whose first line starts with the note number.
        blank = [i for i, l in enumerate(lines) if not l.strip()]
        for i in reversed(blank):
            rest = [l for l in lines[i + 1:] if l.strip()]
            if rest and re.match(r"^\s*\d{1,2}\s?\S", rest[0]) and not re.search(r"\d\s{2,}", rest[0]):
                if all(len(l) - len(l.lstrip()) <= 4 for l in rest[:1]):
                    lines = lines[:i]
            break
        result.append([l for l in lines if l.strip()])
    return result


def page_bodies(path):
    """For every page: the top and bottom of its body lines and their texts (no running header
    or footer: lines in the top and bottom 8 % of the page), from `pdftotext -bbox-layout`."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    result = []
    for page in ET.fromstring(xml).iter("page"):
        height = float(page.get("height"))
        lines = [
            (float(line.get("yMin")), float(line.get("yMax")), " ".join(w.text or "" for w in line.iter("word")))
            for line in page.iter("line")
        ]
        body = [l for l in lines if l[0] > 0.08 * height and l[1] < 0.92 * height]
        if body:
            result.append((min(l[0] for l in body), max(l[1] for l in body), [l[2] for l in body]))
        else:
            result.append((None, None, []))
    return result


def hole_findings(path):
    """Pages other than the last that leave more than 40 % of the text block empty (the
    text block: from the highest to the lowest body line of the whole document), except the
    contents list, which ends with a page break of its own."""
    findings = []
    bodies = page_bodies(path)
    tops = [top for top, _, _ in bodies if top is not None]
    bottoms = [bottom for _, bottom, _ in bodies if bottom is not None]
    if not tops:
        return findings
    top, bottom = min(tops), max(bottoms)
    for number, (_, end, texts) in enumerate(bodies[:-1], start=1):
        # The contents list: its title, or (on its later pages) an entry ending the page.
        contents = any(t.strip().casefold() == "innehållsförteckning" for t in texts) or (
            texts and re.search(r"\. \. \..*\d+$", texts[-1])
        )
        if end is None or contents:
            continue
        empty = (bottom - end) / (bottom - top)
        # The templates break a table rather than leave more than a third of a page empty,
        # when its first rows fit in that third; a page may still end a little higher when
        # they do not (two tall rows of a typed table), but never near or above its middle.
        if empty > 0.4:
            findings.append([number, "hole", f"{empty:.0%} of the page empty after: {texts[-1]}"])
    return findings


def ends_hyphenated(line):
    s = line.rstrip()
    return s.endswith(SOFT_HYPHEN) or bool(re.search(r"[a-zåäöA-ZÅÄÖ]-$", s))


def text_findings(pages):
    findings = []
    hyphenated = 0
    stranded = 0
    for number, lines in enumerate(pages, start=1):
        if not lines:
            continue
        body = [l.strip() for l in lines]
        last = body[-1]
        if last.endswith(":"):
            findings.append([number, "stranded-colon", last])
            stranded += 1
        if ends_hyphenated(last) and number < len(pages):
            findings.append([number, "hyphen-page", last])
        if TOTAL_ROW.match(body[0]):
            findings.append([number, "totals-only", body[0]])
        run = 0
        for i, line in enumerate(body):
            if ends_hyphenated(line):
                hyphenated += 1
                run += 1
                if run == 3:
                    findings.append([number, "hyphen-run", line])
            else:
                run = 0
            if '"' in line or "'" in line:
                findings.append([number, "straight-quote", line])
            if i + 1 < len(body):
                following = body[i + 1]
                if re.search(r"\d$", line) and re.match(r"^(\d{3}\b|" + UNITS + r"(\s|$|[.,;:)]))", following):
                    # A table row ends in a figure and the next row may start with one: only
                    # prose lines (no run of spaces) count.
                    if not re.search(r"\S\s{3,}\S", line) and not re.search(r"\S\s{3,}\S", following):
                        findings.append([number, "broken-number", line + " ⏎ " + following])
                if re.search(r"(\bcirka|\bca|§)$", line) and re.match(r"^\d", following):
                    findings.append([number, "broken-number", line + " ⏎ " + following])
    return findings, hyphenated, stranded


class Tree:
    """The structure tree with the pages each element has content on."""

    def __init__(self, pdf):
        self.page_index = {page.objgen: i + 1 for i, page in enumerate(pdf.pages)}
        root = pdf.Root.get("/StructTreeRoot")
        self.role_map = {}
        if root is not None and root.get("/RoleMap") is not None:
            self.role_map = {str(k)[1:]: str(v)[1:] for k, v in root.RoleMap.items()}
        self.root = root

    def tag(self, node):
        tag = str(node.get("/S"))[1:]
        return self.role_map.get(tag, tag)

    def pages(self, node, inherited=None, depth=0):
        """The pages holding content of `node` and its descendants."""
        found = set()
        if depth > 300:
            return found
        if isinstance(node, pikepdf.Array):
            for child in node:
                found |= self.pages(child, inherited, depth + 1)
            return found
        if isinstance(node, int):
            if inherited is not None:
                found.add(inherited)
            return found
        if not isinstance(node, pikepdf.Dictionary):
            return found
        page = node.get("/Pg")
        here = self.page_index.get(page.objgen) if page is not None else inherited
        if node.get("/Type") == "/MCR":
            if here is not None:
                found.add(here)
            return found
        if node.get("/Type") == "/OBJR":
            return found
        kids = node.get("/K")
        if kids is not None:
            found |= self.pages(kids, here, depth + 1)
        return found

    def children(self, node):
        kids = node.get("/K")
        if kids is None:
            return []
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]

    def elements(self, node, depth=0):
        """Every structure element under `node`, in document order."""
        for child in self.children(node):
            yield child
            if depth < 200:
                yield from self.elements(child, depth + 1)


def introduces(tree, node):
    """Whether `node` is a heading, a bold label or a lead-in that must stand with what follows."""
    tag = tree.tag(node)
    if tag in HEADING_TAGS:
        return True
    kids = tree.children(node)
    if tag == "P" and len(kids) == 1 and tree.tag(kids[0]) in ("Strong", "Span"):
        # A paragraph that is only bold text: a label such as "Resultatmål" or the lead-in of
        # a målområde's insatser.
        direct = node.get("/K")
        if isinstance(direct, pikepdf.Array):
            return all(isinstance(k, pikepdf.Dictionary) for k in direct)
        return isinstance(direct, pikepdf.Dictionary)
    return False


def column_header(tree, cell):
    """Whether a table cell is a column header (a TH whose /Scope is Column or Both)."""
    if tree.tag(cell) != "TH":
        return False
    attributes = cell.get("/A")
    items = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    scopes = [str(item.get("/Scope")) for item in items if isinstance(item, pikepdf.Dictionary)]
    return any(scope in ("/Column", "/Both") for scope in scopes)


def structure_findings(path, pages_text):
    findings = []
    stranded = 0
    pdf = pikepdf.open(path)
    tree = Tree(pdf)
    if tree.root is None:
        return [[0, "no-structure", path]], 0
    # The blocks in reading order: the children of the document (and of Div/Sect/NonStruct
    # wrappers, which group blocks without being one).
    blocks = []

    def collect(node, depth=0):
        for child in tree.children(node):
            tag = tree.tag(child)
            if tag in ("Document", "Div", "Sect", "NonStruct", "Part", "Art") and depth < 50:
                collect(child, depth + 1)
            else:
                blocks.append(child)

    collect(tree.root)
    spans = [(b, tree.pages(b)) for b in blocks]
    spans = [(b, p) for b, p in spans if p]
    for i, (block, pages) in enumerate(spans[:-1]):
        tag = tree.tag(block)
        following = spans[i + 1][1]
        lead_in = tag == "Span" and tree.tag(spans[i + 1][0]) in ("L", "Table")
        if (introduces(tree, block) or lead_in) and min(following) > max(pages):
            findings.append([max(pages), "stranded-heading", tag])
            stranded += 1
    for element in tree.elements(tree.root):
        tag = tree.tag(element)
        if tag == "TR":
            pages = tree.pages(element)
            if len(pages) > 1:
                findings.append([min(pages), "split-row", "TR"])
        if tag == "Table":
            pages = tree.pages(element)
            if len(pages) < 2:
                continue
            # The page after each break opens with "(forts.)" (or "(Belopp i tkr, forts.)").
            for page in sorted(pages)[1:]:
                lines = pages_text[page - 1] if page - 1 < len(pages_text) else []
                if not any("forts.)" in l for l in lines[:3]):
                    findings.append([page, "no-continued", "Table"])
            rows = [e for e in tree.elements(element) if tree.tag(e) == "TR"]
            # The header rows (column headers, and the row where "(forts.)" stands on later
            # pages) come first; their repetitions on later pages are artifacts.
            while rows and all(column_header(tree, c) or not c.get("/K") for c in tree.children(rows[0])):
                rows = rows[1:]
            per_page = {}
            for row in rows:
                row_pages = tree.pages(row)
                if row_pages:
                    per_page[min(row_pages)] = per_page.get(min(row_pages), 0) + 1
            # Three rows on either side of a break; a table of five rows or fewer, which could
            # not break so, two.
            least = 3 if len(rows) > 5 else 2
            if any(count < least for count in per_page.values()):
                findings.append([min(pages), "short-split", repr(sorted(per_page.items()))])
    return findings, stranded


def main(argv):
    path = argv[0]
    pages = page_lines(path)
    text, hyphenated, stranded_text = text_findings(pages)
    structure, stranded_structure = structure_findings(path, pages)
    holes = hole_findings(path)
    findings = sorted(text + structure + holes, key=lambda f: (f[0], f[1]))
    json.dump(
        {
            "pages": len(pages),
            "findings": findings,
            "hyphenated": hyphenated,
            "stranded": stranded_text + stranded_structure,
        },
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
