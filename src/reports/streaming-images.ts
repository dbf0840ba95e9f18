import type { stream, Worksheet } from 'exceljs';

/**
 * Pictures on a sheet of ExcelJS's streaming WorkbookWriter, which has none of its own (exceljs issues #322,
 * #1709; `worksheet.addImage` exists only on the in-memory Workbook, 13× the memory). Each sheet with
 * pictures gets a DrawingML part (xl/drawings/drawingN.xml, one anchored picture per image), its
 * relationships, a `<drawing r:id>` element in the sheet and a content-type override. The PNGs themselves are
 * the workbook's media (`workbook.addImage`, which the writer supports).
 *
 * This reaches into ExcelJS 4.4.0's writer (the sheet's relationship writer, its last element writer, the
 * zip): exceljs is pinned to that exact version, and the report's integration test reads the pictures back.
 */

export interface PicturePlacement {
  /** The workbook's image id (`workbook.addImage`). */
  imageId: number;
  /** Zero-based column and row of the top-left corner. */
  col: number;
  row: number;
  /** Size shown, in pixels. */
  width: number;
  height: number;
  /** Alternative text (what the chart shows). */
  description: string;
}

const EMU_PER_PIXEL = 9_525;
const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** Internals of ExcelJS 4.4.0's streaming writers that this file uses. */
interface WriterInternals {
  media: { name: string }[];
  zip: { append(source: string, data: { name: string }): void };
  addContentTypes(): Promise<void>;
  _drawingCount?: number;
}
interface SheetInternals {
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  stream: { write(text: string): void };
}

function drawingXml(pictures: readonly PicturePlacement[]): string {
  const anchors = pictures.map((p, i) => {
    const cx = p.width * EMU_PER_PIXEL;
    const cy = p.height * EMU_PER_PIXEL;
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${cx}" cy="${cy}"/>` +
      `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(p.description)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
      `<xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId${i + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
      `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>` +
      `<xdr:clientData/></xdr:oneCellAnchor>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    anchors.join('') +
    '</xdr:wsDr>'
  );
}

function relsXml(targets: readonly string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    targets.map((target, i) => `<Relationship Id="rId${i + 1}" Type="${IMAGE_REL}" Target="${escapeXml(target)}"/>`).join('') +
    '</Relationships>'
  );
}

/**
 * Places `pictures` on `sheet` (of `workbook`, a streaming WorkbookWriter). Call before the sheet is
 * committed; the drawing is written with it.
 */
export function placePictures(workbook: stream.xlsx.WorkbookWriter, sheet: Worksheet, pictures: readonly PicturePlacement[]): void {
  if (pictures.length === 0) return;
  const book = workbook as unknown as WriterInternals;
  const ws = sheet as unknown as SheetInternals;
  const number = (book._drawingCount ?? 0) + 1;
  book._drawingCount = number;
  const name = `drawing${number}`;
  book.zip.append(drawingXml(pictures), { name: `xl/drawings/${name}.xml` });
  book.zip.append(relsXml(pictures.map((p) => `../media/${book.media[p.imageId].name}`)), { name: `xl/drawings/_rels/${name}.xml.rels` });

  // The <drawing> element goes where the schema wants it: after the page setup, before <legacyDrawing>.
  const writeLegacyData = ws._writeLegacyData.bind(ws);
  ws._writeLegacyData = () => {
    const rId = ws._sheetRelsWriter.addRelationship({ Type: DRAWING_REL, Target: `../drawings/${name}.xml` });
    ws.stream.write(`<drawing r:id="${rId}"/>`);
    writeLegacyData();
  };

  // [Content_Types].xml names every drawing part; the writer builds it synchronously when committing.
  if (number === 1) {
    const addContentTypes = book.addContentTypes.bind(book);
    book.addContentTypes = () => {
      const append = book.zip.append.bind(book.zip);
      book.zip.append = (source, data) => {
        if (data.name === '[Content_Types].xml') {
          const overrides = Array.from({ length: book._drawingCount ?? 0 }, (_, i) => `<Override PartName="/xl/drawings/drawing${i + 1}.xml" ContentType="${DRAWING_TYPE}"/>`);
          source = source.replace('</Types>', `${overrides.join('')}</Types>`);
        }
        append(source, data);
      };
      try {
        return addContentTypes();
      } finally {
        book.zip.append = append;
      }
    };
  }
}
