#!/usr/bin/env python3
"""Checks a PDF's page make-up the way a careful board member reads it.

Usage: makeup_check.py [--whole-budgets] FILE.pdf

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
  holding only its totals);
- split-budget (only with --whole-budgets): a captioned table, as the budget tables are
  ("(Belopp i tkr)"), has parts on two pages;
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


def structure_findings(path, whole_tables):
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
            captioned = any(tree.tag(k) == "Caption" for k in tree.children(element))
            if captioned and whole_tables:
                findings.append([min(pages), "split-budget", "Table"])
            rows = [e for e in tree.elements(element) if tree.tag(e) == "TR"]
            # The first row is the header; its repetitions on later pages are artifacts.
            per_page = {}
            for row in rows[1:]:
                row_pages = tree.pages(row)
                if row_pages:
                    per_page[min(row_pages)] = per_page.get(min(row_pages), 0) + 1
            if any(count < 3 for count in per_page.values()):
                findings.append([min(pages), "short-split", repr(sorted(per_page.items()))])
    return findings, stranded


def main(argv):
    whole_tables = "--whole-budgets" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = paths[0]
    pages = page_lines(path)
    text, hyphenated, stranded_text = text_findings(pages)
    structure, stranded_structure = structure_findings(path, whole_tables)
    findings = sorted(text + structure, key=lambda f: (f[0], f[1]))
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
