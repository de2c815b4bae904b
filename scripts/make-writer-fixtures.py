#!/usr/bin/python3
"""Writes the workbooks in test/fixtures/xlsx/writers/: the filled template as other programs save it.

Run from the repository root after `npm run build` (needs Debian's python3-openpyxl:
`apt-get install -y python3-openpyxl`, then `/usr/bin/python3 scripts/make-writer-fixtures.py`).
The outputs are committed so `npm test` needs no Python. Each one must import to the same filing
as examples/jingmen-battery/cluster.yaml (test/xlsx-writers.test.ts checks it).

- openpyxl-saved.xlsx      the template opened and saved by openpyxl (pandas and Python scripts do this):
                           notes in xl/comments/comment1.xml, absolute relationship targets, every text
                           an inline string (character references) and no sharedStrings part.
- openpyxl-scratch.xlsx    a new workbook written cell by cell by openpyxl with our sheets and keys
                           (no styles, no notes, sheets in another order).
- wps-style-notes.xlsx     notes linked by absolute targets from another folder (/xl/comments/…), VML in
                           /xl/drawings/…, as WPS 表格 writes in some versions.
- threaded-comments.xlsx   Excel 365 threaded comments (xl/threadedComments/, xl/persons/) beside the legacy
                           notes, linked relative to the sheet.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'xlsx', 'writers')
FIXED = (2024, 1, 1, 0, 0, 0)


def template(path):
    # The filing beside the workbook, so its evidence paths stay as they are (template --from rebases them).
    filing = os.path.join(os.path.dirname(path), 'cluster.yaml')
    shutil.copyfile(os.path.join(ROOT, 'examples', 'jingmen-battery', 'cluster.yaml'), filing)
    subprocess.run(['node', os.path.join(ROOT, 'bin', 'cluster.js'), 'template', '--quiet', '--force',
                    '--from', filing, '-o', path], check=True)


def rewrite(src, dst, edit):
    """Copies a zip, passing each (name, bytes) through edit, which returns a list of (name, bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
        for name, data in edit(parts):
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def normalise(path):
    """Fixed entry times and order: the same run gives the same bytes."""
    tmp = path + '.tmp'
    rewrite(path, tmp, lambda parts: sorted(parts.items(), key=lambda kv: (kv[0] != '[Content_Types].xml', kv[0])))
    os.replace(tmp, path)


def openpyxl_saved(src, dst):
    wb = openpyxl.load_workbook(src)
    wb.save(dst)


def openpyxl_scratch(src, dst):
    old = openpyxl.load_workbook(src)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    names = old.sheetnames
    # Another order: the hidden _meta sheet first, the form's sheets reversed.
    order = ['_meta'] + [n for n in reversed(names) if n != '_meta']
    for name in order:
        ws_old = old[name]
        ws = wb.create_sheet(name)
        for row in ws_old.iter_rows():
            for c in row:
                if c.value is None or type(c).__name__ == 'MergedCell':
                    continue
                ws.cell(row=c.row, column=c.column, value=c.value)
        if name == '_meta':
            ws.sheet_state = 'hidden'
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    wb.save(dst)


def wps_style(src, dst):
    """Notes moved to xl/comments/commentN.xml and VML to xl/drawings/vml/, linked by absolute targets."""
    def edit(parts):
        out = []
        for name, data in parts.items():
            m = re.fullmatch(r'xl/comments(\d+)\.xml', name)
            if m:
                out.append(('xl/comments/comment%s.xml' % m.group(1), data))
                continue
            m = re.fullmatch(r'xl/drawings/vmlDrawing(\d+)\.vml', name)
            if m:
                out.append(('xl/drawings/vml/vmlDrawing%s.vml' % m.group(1), data))
                continue
            if name.startswith('xl/worksheets/_rels/'):
                text = data.decode('utf8')
                text = re.sub(r'Target="\.\./comments(\d+)\.xml"', r'Target="/xl/comments/comment\1.xml"', text)
                text = re.sub(r'Target="\.\./drawings/vmlDrawing(\d+)\.vml"', r'Target="/xl/drawings/vml/vmlDrawing\1.vml"', text)
                data = text.encode('utf8')
            if name == '[Content_Types].xml':
                text = data.decode('utf8')
                text = re.sub(r'PartName="/xl/comments(\d+)\.xml"', r'PartName="/xl/comments/comment\1.xml"', text)
                data = text.encode('utf8')
            out.append((name, data))
        return sorted(out)
    rewrite(src, dst, edit)


PERSON = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
          '<person displayName="审核人" id="{6F1D2C3B-0000-4000-8000-000000000001}" userId="审核人" providerId="None"/></personList>')


def threaded(src, dst):
    """Adds an Excel 365 threaded comment to the first sheet that has notes."""
    def edit(parts):
        out = dict(parts)
        rels_name = next(n for n in sorted(parts) if re.fullmatch(r'xl/worksheets/_rels/sheet\d+\.xml\.rels', n) and b'comments' in parts[n])
        comments = re.search(rb'Target="([^"]*comments[^"]*)"', parts[rels_name]).group(1).decode()
        comments_part = os.path.normpath(os.path.join('xl/worksheets', comments)).replace(os.sep, '/')
        ref = re.search(rb'<comment ref="([A-Z]+\d+)"', parts[comments_part]).group(1).decode()
        out['xl/threadedComments/threadedComment1.xml'] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            '<threadedComment ref="%s" dT="2024-05-06T10:00:00.00" personId="{6F1D2C3B-0000-4000-8000-000000000001}" '
            'id="{0A1B2C3D-0000-4000-8000-000000000002}"><text>请核对这一栏</text></threadedComment></ThreadedComments>' % ref).encode('utf8')
        out['xl/persons/person.xml'] = PERSON.encode('utf8')
        out[rels_name] = parts[rels_name].replace(
            b'</Relationships>',
            b'<Relationship Id="rIdTc1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
            b'Target="../threadedComments/threadedComment1.xml"/></Relationships>')
        out['xl/_rels/workbook.xml.rels'] = parts['xl/_rels/workbook.xml.rels'].replace(
            b'</Relationships>',
            b'<Relationship Id="rIdP1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" '
            b'Target="persons/person.xml"/></Relationships>')
        out['[Content_Types].xml'] = parts['[Content_Types].xml'].replace(
            b'</Types>',
            b'<Override PartName="/xl/threadedComments/threadedComment1.xml" '
            b'ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
            b'<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/></Types>')
        return sorted(out.items())
    rewrite(src, dst, edit)


def main():
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp()
    try:
        base = os.path.join(tmp, 'template.xlsx')
        template(base)
        saved = os.path.join(OUT, 'openpyxl-saved.xlsx')
        openpyxl_saved(base, saved)
        openpyxl_scratch(base, os.path.join(OUT, 'openpyxl-scratch.xlsx'))
        wps_style(base, os.path.join(OUT, 'wps-style-notes.xlsx'))
        threaded(base, os.path.join(OUT, 'threaded-comments.xlsx'))
        for f in os.listdir(OUT):
            normalise(os.path.join(OUT, f))
        print('wrote', ', '.join(sorted(os.listdir(OUT))))
    finally:
        shutil.rmtree(tmp)


if __name__ == '__main__':
    sys.exit(main())
