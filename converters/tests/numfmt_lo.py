#!/usr/bin/env python3
"""End-to-end number-format check against LibreOffice: an .xlsx with one row per format code
(A = code, B.. = values under it), our .ods of the same (test numfmt_lo), both exported to CSV."""
import sys, json, zipfile
from xml.sax.saxutils import escape, quoteattr

VALUES = [1234.5678, -1234.5678, 0, 0.5, 45351.520833333336, -0.25, 123456789012.0, 3.25159, 60, 1.75, "txt"]

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def build(path, cases, values=VALUES, date1904=False):
    custom = []
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    for c in cases:
        if isinstance(c, int):
            fid = c
        else:
            fid = 164 + len(custom)
            custom.append((fid, c))
        xfs.append(f'<xf numFmtId="{fid}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<numFmts count="{len(custom)}">' +
              "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(c)}/>' for i, c in custom) +
              '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              f'<cellXfs count="{len(xfs)}">' + "".join(xfs) + '</cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
    rows = []
    for r, c in enumerate(cases):
        cells = [f'<c r="A{r+1}" t="inlineStr"><is><t xml:space="preserve">{escape(str(c))}</t></is></c>']
        for j, v in enumerate(values):
            ref = f"{col(j+1)}{r+1}"
            if isinstance(v, str):
                cells.append(f'<c r="{ref}" s="{r+1}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}" s="{r+1}"><v>{repr(float(v))}</v></c>')
        rows.append(f'<row r="{r+1}">' + "".join(cells) + '</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
             "".join(rows) + '</sheetData></worksheet>')
    wbpr = '<workbookPr date1904="1"/>' if date1904 else ''
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' + wbpr +
          '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/styles.xml", styles)


def main():
    """numfmt_lo.py CASES.json WORKDIR [--1904]: agreement of our .ods with LibreOffice's import."""
    import subprocess, csv, os
    cases_path, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    cases = json.load(open(cases_path))
    date1904 = "--1904" in sys.argv[3:]
    build(os.path.join(work, "src.xlsx"), cases, date1904=date1904)
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, NUMFMT_CASES=cases_path, NUMFMT_OUT=os.path.join(work, "ours.ods"))
    if date1904:
        env["NUMFMT_1904"] = "1"
    subprocess.run(["cargo", "test", "-q", "-p", "umzug-converters", "--test", "numfmt_lo", "--",
                    "--ignored"], cwd=here, env=env, check=True, stdout=subprocess.DEVNULL)
    prof = "file://" + os.path.join(work, "profile")
    for f in ("src.xlsx", "ours.ods"):
        subprocess.run(["soffice", f"-env:UserInstallation={prof}", "--headless", "--norestore",
                        "--convert-to", CSV, "--outdir", work, os.path.join(work, f)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ref = list(csv.reader(open(os.path.join(work, "src-S.csv"), encoding="utf-8")))
    got = list(csv.reader(open(os.path.join(work, "ours-S.csv"), encoding="utf-8")))
    total = same = 0
    for i, row in enumerate(ref):
        g = got[i] if i < len(got) else []
        bad = []
        for j, v in enumerate(row[1:], 1):
            if not v.strip():
                continue
            total += 1
            w = g[j] if j < len(g) else ""
            if w.strip() == v.strip():
                same += 1
            else:
                bad.append((v, w))
        if bad:
            print(f"{row[0]!r}: {len(bad)} differ, e.g. {bad[:3]}")
    print(f"agreement {same}/{total} = {same / max(total, 1):.4f}")


CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

if __name__ == "__main__":
    main()
