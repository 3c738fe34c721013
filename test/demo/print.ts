const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

export const bold = paint(1);
export const dim = paint(2);
export const red = paint(31);
export const green = paint(32);

export function heading(title: string): void {
  console.log(`\n${bold(`━━ ${title} ━━`)}`);
}

/** Prints a block of program output, indented so it reads apart from the demo's own lines. */
export function block(text: string): void {
  for (const line of text.trimEnd().split('\n')) console.log(dim('│ ') + line);
}
