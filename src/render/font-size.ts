/**
 * Chinese font size names (字号) in points: one table for the PDF layout and the Word face (a plain
 * module, so the Word face reads it without loading the PDF layout).
 */
export const FONT_SIZE = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
} as const;
