/**
 * The paste with the given lines (1-based, as the preview numbers them) turned into
 * comments: "# " in front, so the parser skips them and they stay in the text to be fixed
 * and put back later. Line endings are kept as pasted.
 */
export function commentOutLines(text: string, lines: number[]): string {
  const wanted = new Set(lines);
  const parts = text.split(/(\r\n|\n|\r)/);
  // parts alternates line, separator, line, …: line n sits at index 2(n−1).
  return parts.map((part, i) => (i % 2 === 0 && wanted.has(i / 2 + 1) ? `# ${part}` : part)).join("");
}
