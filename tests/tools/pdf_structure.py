#!/usr/bin/env python3
"""Reads a PDF's structure with pikepdf, a PDF library independent of vplan and Typst.

Prints one JSON object: the document language and title settings, the XMP identification
(PDF/A, PDF/UA) and dates, the structure tags in reading order, alt texts of figures, and which
pages mark their running header and footer as artifacts. The Rust test suite asserts on it.
"""
import json
import re
import sys

import pikepdf


def walk(node, out, depth=0):
    """Struct elements in document order: (tag, alt) pairs."""
    if depth > 200:
        return
    if isinstance(node, pikepdf.Array):
        for child in node:
            walk(child, out, depth + 1)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    tag = node.get("/S")
    if tag is not None:
        alt = node.get("/Alt")
        out.append((str(tag)[1:], str(alt) if alt is not None else None))
    kids = node.get("/K")
    if kids is not None:
        walk(kids, out, depth + 1)


def artifacts(page):
    """The artifact subtypes marked in a page's content stream."""
    kinds = set()
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BMC" and str(operands[0]) == "/Artifact":
            kinds.add("Other")
        if str(operator) == "BDC" and str(operands[0]) == "/Artifact":
            props = operands[1]
            if isinstance(props, pikepdf.Dictionary):
                kinds.add(str(props.get("/Subtype", props.get("/Type", "/Other")))[1:])
            else:
                kinds.add("Other")
    return sorted(kinds)


def outline(pdf):
    """The bookmark titles with their depth, in order."""
    titles = []
    with pdf.open_outline() as tree:
        def visit(items, depth):
            for item in items:
                titles.append([depth, str(item.title)])
                visit(item.children, depth + 1)
        visit(tree.root, 1)
    return titles


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    tags = []
    tree = root.get("/StructTreeRoot")
    if tree is not None:
        walk(tree.get("/K"), tags)
        role_map = tree.get("/RoleMap")
        if role_map is not None:
            mapping = {str(k)[1:]: str(v)[1:] for k, v in role_map.items()}
            tags = [(mapping.get(t, t), alt) for t, alt in tags]
    xmp = pdf.open_metadata()
    xmp_text = str(xmp)
    viewer = root.get("/ViewerPreferences")
    result = {
        "lang": str(root.get("/Lang", "")),
        "display_doc_title": bool(viewer.get("/DisplayDocTitle", False)) if viewer is not None else False,
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "pdfa_part": xmp.get("pdfaid:part"),
        "pdfa_conformance": xmp.get("pdfaid:conformance"),
        "pdfua_part": xmp.get("pdfuaid:part"),
        "xmp_dates": sorted(set(re.findall(r"\d{4}-\d{2}-\d{2}T[\d:]+", xmp_text))),
        "info_dates": [str(pdf.docinfo.get(k, "")) for k in ("/CreationDate", "/ModDate")],
        "title": str(pdf.docinfo.get("/Title", "")),
        "tags": [t for t, _ in tags],
        "figure_alts": [alt for t, alt in tags if t == "Figure"],
        "page_artifacts": [artifacts(page) for page in pdf.pages],
        "bookmarks": outline(pdf),
    }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
