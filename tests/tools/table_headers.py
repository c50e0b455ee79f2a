#!/usr/bin/env python3
"""Reads every table of a tagged PDF with pikepdf and checks that its cells can be read with
their headers, as a screen reader following ISO 32000-1 (14.8.5.7) would.

For each table the cells are laid out on a grid (ColSpan, RowSpan). A cell's headers are the
elements its /Headers attribute names, and theirs in turn; a cell without /Headers takes the
header cells whose /Scope reaches it (column headers above it, row headers left of it).

Prints one JSON object: for each table its number of rows and columns and a list of problems,
each a short English sentence with the row and column:
- a data cell whose headers name no column header of its own column (in the table's header
  rows), a column header of another column, or a column header below the header rows (a group
  row tagged as a column header);
- a header cell without content (an empty TH);
- a data cell with content that is not in the header rows but is headed by nothing.
Header rows are the rows of THead or, where a table has none (Typst writes none), its leading
rows of column headers.
Exit status 0 when it could read the file (problems or not).
"""
import json
import sys

import pikepdf


def attributes(element):
    """The /A attribute dictionaries of a struct element, merged (owner /Table wins)."""
    merged = {}
    a = element.get("/A")
    if a is None:
        return merged
    items = list(a) if isinstance(a, pikepdf.Array) else [a]
    for item in items:
        if isinstance(item, pikepdf.Dictionary):
            for key, value in item.items():
                merged[str(key)] = value
    return merged


def kids(element):
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def has_content(element, depth=0):
    """Whether a struct element has marked content (an MCID) anywhere below it."""
    if depth > 50:
        return False
    for kid in kids(element):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
            return True
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") == pikepdf.Name("/MCR") or kid.get("/MCID") is not None:
                return True
            if kid.get("/S") is not None and has_content(kid, depth + 1):
                return True
    return False


def tag(element, role_map):
    s = element.get("/S")
    if s is None:
        return None
    name = str(s)[1:]
    return role_map.get(name, name)


def element_id(element):
    i = element.get("/ID")
    return bytes(i) if i is not None else None


def rows_of(table, role_map):
    """The table's rows in order, each (section, row element)."""
    out = []

    def visit(element, section, depth):
        if depth > 20:
            return
        for kid in kids(element):
            if not isinstance(kid, pikepdf.Dictionary) or kid.get("/S") is None:
                continue
            t = tag(kid, role_map)
            if t == "TR":
                out.append((section, kid))
            elif t in ("THead", "TBody", "TFoot"):
                visit(kid, t, depth + 1)

    visit(table, "TBody", 0)
    return out


def check_table(table, role_map):
    rows = rows_of(table, role_map)
    grid = {}  # (row, column) -> cell
    cells = []
    occupied = set()
    for r, (section, tr) in enumerate(rows):
        c = 0
        for kid in kids(tr):
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            t = tag(kid, role_map)
            if t not in ("TH", "TD"):
                continue
            while (r, c) in occupied:
                c += 1
            a = attributes(kid)
            colspan = int(a.get("/ColSpan", 1))
            rowspan = int(a.get("/RowSpan", 1))
            cell = {
                "tag": t,
                "row": r,
                "col": c,
                "cols": range(c, c + colspan),
                "section": section,
                "scope": str(a.get("/Scope", "/None"))[1:],
                "headers": [bytes(h) for h in a.get("/Headers", [])],
                "id": element_id(kid),
                "content": has_content(kid),
            }
            cells.append(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, c + dc))
                    grid[(r + dr, c + dc)] = cell
            c += colspan
    by_id = {cell["id"]: cell for cell in cells if cell["id"] is not None}
    columns = max((max(cell["cols"]) + 1 for cell in cells), default=0)

    def implicit(cell):
        found = []
        for other in cells:
            if other["tag"] != "TH" or other is cell:
                continue
            if other["scope"] in ("Column", "Both") and other["row"] < cell["row"] and set(other["cols"]) & set(cell["cols"]):
                found.append(other)
            if other["scope"] in ("Row", "Both") and other["row"] == cell["row"] and max(other["cols"]) < cell["col"]:
                found.append(other)
        return found

    def direct(cell):
        if cell["headers"]:
            return [by_id[h] for h in cell["headers"] if h in by_id]
        return implicit(cell)

    def headers(cell):
        """The cell's headers and, through their own /Headers, theirs in turn."""
        seen = []
        todo = direct(cell)
        while todo:
            h = todo.pop()
            if h is cell or any(h is s for s in seen):
                continue
            seen.append(h)
            todo.extend(by_id[i] for i in h["headers"] if i in by_id)
        return seen

    problems = []
    header_rows = {cell["row"] for cell in cells if cell["section"] == "THead"}
    if not header_rows:
        # Without THead (Typst writes none), the header rows are the leading rows of column
        # headers, beside which only empty data cells stand. A broken table's first row, where
        # "(forts.)" stands on the pages it continues on, is one empty data cell there.
        for r in range(len(rows)):
            row = [cell for cell in cells if cell["row"] == r]
            heads = [c for c in row if c["tag"] == "TH" and c["scope"] in ("Column", "Both")]
            if not header_rows and row and all(c["tag"] == "TD" and not c["content"] for c in row):
                continue
            if not heads or any(c not in heads and (c["tag"] == "TH" or c["content"]) for c in row):
                break
            header_rows.add(r)
    for cell in cells:
        where = f"row {cell['row'] + 1}, column {cell['col'] + 1}"
        if cell["tag"] == "TH" and not cell["content"]:
            problems.append(f"empty header cell at {where}")
        # An empty data cell (a table's top-left corner, a blank figure) is read as nothing.
        if cell["tag"] != "TD" or cell["row"] in header_rows or not cell["content"]:
            continue
        hs = headers(cell)
        if not hs:
            problems.append(f"data cell at {where} has no headers")
            continue
        own = [h for h in hs if h["row"] in header_rows and set(h["cols"]) & set(cell["cols"]) and h["content"]]
        other = [h for h in direct(cell) if h["scope"] in ("Column", "Both") and not set(h["cols"]) & set(cell["cols"])]
        outside = [h for h in hs if h["scope"] in ("Column", "Both") and h["row"] not in header_rows]
        column_headed = any(
            h["tag"] == "TH" and h["row"] in header_rows and h["content"] and set(h["cols"]) & set(cell["cols"])
            for h in cells
        )
        if column_headed and not own:
            problems.append(f"data cell at {where} is not headed by its own column's header")
        for h in other:
            problems.append(f"data cell at {where} is headed by another column's header (row {h['row'] + 1}, column {h['col'] + 1})")
        for h in outside:
            problems.append(
                f"data cell at {where} is headed by a column header outside the header rows (row {h['row'] + 1}, column {h['col'] + 1}, spanning {len(h['cols'])} columns)"
            )
    return {"rows": len(rows), "columns": columns, "problems": problems}


def main(path):
    pdf = pikepdf.open(path)
    tree = pdf.Root.get("/StructTreeRoot")
    tables = []
    if tree is not None:
        role_map = {}
        rm = tree.get("/RoleMap")
        if rm is not None:
            role_map = {str(k)[1:]: str(v)[1:] for k, v in rm.items()}

        def visit(element, depth):
            if depth > 200:
                return
            for kid in kids(element):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") is not None:
                    if tag(kid, role_map) == "Table":
                        tables.append(check_table(kid, role_map))
                    else:
                        visit(kid, depth + 1)

        visit(tree, 0)
    json.dump({"tables": tables}, sys.stdout, ensure_ascii=False)


def self_test():
    """Two small tables built in memory: a budget whose group row is a column header over
    every column and whose data cells name it instead of their year (as vplan once tagged
    them), with an empty top-left header cell; and the same budget tagged right."""
    pdf = pikepdf.new()

    def element(tag, kids=(), **attrs):
        d = pikepdf.Dictionary(S=pikepdf.Name("/" + tag), K=pikepdf.Array(list(kids)))
        if attrs.get("id"):
            d.ID = pikepdf.String(attrs.pop("id"))
        a = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
        for key, value in attrs.items():
            a[pikepdf.Name("/" + key)] = value
        d.A = a
        return pdf.make_indirect(d)

    def name(n):
        return pikepdf.Name("/" + n)

    def ids(*names):
        return pikepdf.Array([pikepdf.String(n) for n in names])

    def table(wrong):
        corner = element("TH", [] if wrong else [0], id="c", Scope=name("Column"))
        years = [element("TH", [1], id="y1", Scope=name("Column")), element("TH", [2], id="y2", Scope=name("Column"))]
        if wrong:
            group = element("TH", [3], id="g", Scope=name("Column"), ColSpan=3)
            heads = ("g", "r")
        else:
            group = element("TH", [3], id="g", Scope=name("Row"), ColSpan=3)
            heads = None
        row = element("TH", [4], id="r", Scope=name("Row"))
        cells = [
            element("TD", [5], Headers=ids(*(heads or ("y1", "r")))),
            element("TD", [6], Headers=ids(*(heads or ("y2", "r")))),
        ]
        head = element("THead", [element("TR", [corner] + years)])
        body = element("TBody", [element("TR", [group]), element("TR", [row] + cells)])
        return element("Table", [head, body])

    result = {
        "wrong": check_table(table(True), {})["problems"],
        "right": check_table(table(False), {})["problems"],
    }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if sys.argv[1] == "--self-test":
        self_test()
    else:
        main(sys.argv[1])
