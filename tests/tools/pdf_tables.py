#!/usr/bin/env python3
"""Reads the tables of a PDF's structure tree with pikepdf, independent of vplan and Typst.

Prints one JSON list: per Table element, its rows (TR) in order, each a list of cells
{"tag": "TH"|"TD", "scope": "Column"|"Row"|"Both"|null}. The Rust test suite asserts on it.
"""
import json
import sys

import pikepdf


def role(node, mapping):
    tag = node.get("/S")
    if tag is None:
        return None
    tag = str(tag)[1:]
    return mapping.get(tag, tag)


def kids(node):
    k = node.get("/K")
    if k is None:
        return []
    if isinstance(k, pikepdf.Array):
        return [c for c in k if isinstance(c, pikepdf.Dictionary)]
    return [k] if isinstance(k, pikepdf.Dictionary) else []


def scope(cell):
    attributes = cell.get("/A")
    if attributes is None:
        return None
    for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(a, pikepdf.Dictionary) and "/Scope" in a:
            return str(a["/Scope"])[1:]
    return None


def rows(node, mapping, out, depth=0):
    if depth > 50:
        return
    for child in kids(node):
        tag = role(child, mapping)
        if tag == "TR":
            out.append([{"tag": role(c, mapping), "scope": scope(c)} for c in kids(child) if role(c, mapping) in ("TH", "TD")])
        elif tag in ("THead", "TBody", "TFoot"):
            rows(child, mapping, out, depth + 1)


def tables(node, mapping, out, depth=0):
    if depth > 200 or not isinstance(node, pikepdf.Dictionary):
        return
    if role(node, mapping) == "Table":
        found = []
        rows(node, mapping, found)
        out.append(found)
        return
    for child in kids(node):
        tables(child, mapping, out, depth + 1)


def main(path):
    pdf = pikepdf.open(path)
    tree = pdf.Root.get("/StructTreeRoot")
    out = []
    if tree is not None:
        role_map = tree.get("/RoleMap")
        mapping = {str(k)[1:]: str(v)[1:] for k, v in role_map.items()} if role_map is not None else {}
        for child in kids(tree):
            tables(child, mapping, out)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
