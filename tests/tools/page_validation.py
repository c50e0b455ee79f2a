#!/usr/bin/env python3
"""Validates a PDF with `page` (PyPI: page-validation), a PDF/A and PDF/UA checker independent
of vplan, Typst and pikepdf, with the profiles PDF/A-2a and PDF/UA-1.

Usage: page_validation.py FILE.pdf

Prints one JSON object: for each profile ("2a", "ua1") the list of failures as
[rule id, message, object number], and under "ambiguous" the failures set aside, with why.

One finding is set aside, and only after checking the file's bytes: PDFA2A-STREAM-LENGTH-001 on
a stream whose /Length is exact and whose (compressed) data happens to end in a CR byte. The
stream is followed by LF and `endstream`, as PDF requires; a checker that takes the data's last
CR for part of the end-of-line marker counts one byte less. Every other failure counts.
"""
import json
import re
import sys

import page


def stream_length_is_exact(data, number):
    """Whether object `number`'s stream has exactly /Length bytes, its last one a CR, followed by
    an end-of-line marker and `endstream`."""
    match = re.search(rb"(?:^|[\r\n])%d 0 obj\s*<<(.*?)>>\s*stream(\r\n|\n)" % number, data, re.S)
    if match is None:
        return False
    length = re.search(rb"/Length (\d+)(?! \d+ R)", match.group(1))
    if length is None:
        return False
    start = match.end()
    end = start + int(length.group(1))
    return data[end - 1:end] == b"\r" and re.match(rb"(\r\n|\n|\r)endstream", data[end:end + 12]) is not None


def main(path):
    data = open(path, "rb").read()
    result = {"ambiguous": []}
    for profile in ("2a", "ua1"):
        report = page.validate_pdf(path, profile=profile)
        failures = []
        for failure in report.failures:
            number = failure.object_id.object_number if failure.object_id is not None else None
            entry = [failure.rule_id, failure.message, number]
            if (
                failure.rule_id.endswith("STREAM-LENGTH-001")
                and number is not None
                and stream_length_is_exact(data, number)
            ):
                result["ambiguous"].append(entry + ["the /Length is exact; the data ends in a CR byte"])
            else:
                failures.append(entry)
        result[profile] = failures
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
