import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { formatDate, formatEuros, formatMonthTitle } from '@/lib/format';
import { townAddress, townContactEmail, townName } from '@/lib/town';
import type { ChildcareAttestation } from './childcare-fees';

/** The service the town organises, as the attestation names it. */
export const CHILDCARE_SERVICE = 'Accueil de loisirs / périscolaire';

export const MEALS_EXCLUDED = 'Montants hors frais de repas : la restauration scolaire n’est pas comprise.';

/** The attestation's file name: `attestation-garde-2026-DUPONT-Lea.pdf`. */
export function attestationFileName(attestation: ChildcareAttestation): string {
  const ascii = (text: string) => text.normalize('NFD').replace(/[^A-Za-z0-9-]+/g, '');
  return `attestation-garde-${attestation.year}-${ascii(attestation.child.lastName)}-${ascii(attestation.child.firstName)}-${attestation.child.id}.pdf`;
}

/**
 * Text as the standard Helvetica font can write it (WinAnsi): French accents, « », ’ and € are
 * there; the narrow no-break space of French numbers becomes a no-break space, a letter outside
 * the set loses its accent (Ł stays L, ő becomes o), anything else becomes « ? ».
 */
export function winAnsiText(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  let written = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (known.has(code)) written += char;
    else if (char === '\u202f') written += '\u00a0';
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      written += base && [...base].every((part) => known.has(part.codePointAt(0)!)) ? base : char === 'Ł' ? 'L' : char === 'ł' ? 'l' : '?';
    }
  }
  return written;
}

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = PAGE[0] - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.1);
const RULE = rgb(0.6, 0.6, 0.6);

/** The attestation as a PDF (A4, standard fonts: nothing to download or embed at run time). */
export async function attestationPdf(attestation: ChildcareAttestation): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const { year, family, child } = attestation;
  const title = `Attestation de frais de garde — année ${year}`;
  pdf.setTitle(winAnsiText(regular, `${title} — ${child.lastName} ${child.firstName}`));
  pdf.setAuthor(winAnsiText(regular, townName()));
  pdf.setCreator('Compte Famille');
  pdf.setLanguage('fr-FR');

  let page: PDFPage = pdf.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  /** Starts a new page when `height` does not fit; says whether it did. */
  const room = (height: number) => {
    if (y - height >= MARGIN) return false;
    page = pdf.addPage(PAGE);
    y = PAGE[1] - MARGIN;
    return true;
  };
  const write = (text: string, { size = 10, font = regular, x = MARGIN, width = WIDTH, gap = 4 } = {}) => {
    for (const line of wrap(font, winAnsiText(font, text), size, width)) {
      room(size + gap);
      y -= size;
      page.drawText(line, { x, y, size, font, color: INK });
      y -= gap;
    }
  };
  const space = (height: number) => {
    y -= height;
  };

  write(townName(), { size: 12, font: bold });
  write(townAddress());
  write(`Contact : ${townContactEmail()}`);
  space(18);
  write(title, { size: 16, font: bold });
  space(10);
  write(`Service : ${CHILDCARE_SERVICE} — organisateur : ${townName()}`);
  write(`Famille : ${family.name}${family.address ? `, ${family.address}` : ''}`);
  if (family.guardians.length > 0) write(`${family.guardians.length > 1 ? 'Responsables' : 'Responsable'} : ${family.guardians.join(', ')}`);
  write(`Enfant : ${child.lastName} ${child.firstName}, né(e) le ${formatDate(child.birthDate)}`);
  space(8);
  write(
    `${townName()} atteste que la famille a payé, pour la garde de cet enfant au service ${CHILDCARE_SERVICE} en ${year}, les montants suivants ` +
      '(consommations de l’année débitées du porte-monnaie et couvertes par les règlements de la famille à la date d’émission) :',
  );
  space(6);

  const columns = [
    { label: 'Mois', width: 85, right: false },
    { label: 'Activité', width: 215, right: false },
    { label: 'Jours', width: 45, right: true },
    { label: 'Facturé', width: 75, right: true },
    { label: 'Payé', width: WIDTH - 420, right: true },
  ];
  const header = columns.map((column) => column.label);
  const row = (cells: string[], font: PDFFont) => {
    const wrapped = cells.map((cell, index) => wrap(font, winAnsiText(font, cell), 9, columns[index]!.width - 6));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * 12 + 4;
    // A table going on over a page break repeats its headings.
    if (room(height) && cells !== header) row(header, bold);
    let x = MARGIN;
    wrapped.forEach((lines, index) => {
      const column = columns[index]!;
      lines.forEach((line, lineIndex) => {
        const lineX = column.right ? x + column.width - 3 - font.widthOfTextAtSize(line, 9) : x + 3;
        page.drawText(line, { x: lineX, y: y - 10 - lineIndex * 12, size: 9, font, color: INK });
      });
      x += column.width;
    });
    y -= height;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + WIDTH, y }, thickness: 0.5, color: RULE });
  };
  row(header, bold);
  for (const line of attestation.lines) {
    row([formatMonthTitle(line.month), line.activity, String(line.days), formatEuros(line.chargedCents), formatEuros(line.paidCents)], regular);
  }
  space(12);
  write(`Total payé pour l’année ${year} : ${formatEuros(attestation.totalCents)}`, { size: 12, font: bold });
  if (attestation.uncoveredCents > 0) {
    write(`Part de ces consommations non couverte par les règlements de la famille à la date d’émission : ${formatEuros(attestation.uncoveredCents)} (non comprise dans le total).`);
  }
  space(6);
  write(MEALS_EXCLUDED);
  write('Attestation délivrée au titre du crédit d’impôt pour frais de garde des enfants de moins de 6 ans au 1er janvier de l’année.');
  space(12);
  write(`Émise le ${formatDate(attestation.issuedOn)} par ${townName()}.`);
  const pages = pdf.getPages();
  if (pages.length > 1) {
    pages.forEach((each, index) => {
      const text = `Page ${index + 1} / ${pages.length}`;
      each.drawText(text, { x: PAGE[0] - MARGIN - regular.widthOfTextAtSize(text, 8), y: MARGIN / 2, size: 8, font: regular, color: INK });
    });
  }
  return pdf.save();
}

/** Lines of at most `width` points, cut between words (a word longer than the line is cut where it must). */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (font.widthOfTextAtSize(current, size) > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut -= 1;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/** A downloaded file: never cached (it holds a family's data), its type not to be guessed. */
export function fileResponse(body: Uint8Array, contentType: string, fileName: string): Response {
  return new Response(new Blob([body as Uint8Array<ArrayBuffer>], { type: contentType }), {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
