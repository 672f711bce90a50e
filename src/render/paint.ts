/**
 * Colour for text people read, as the render functions use it: chalk's styles when the terminal
 * takes colour (adapters/terminal), plain text otherwise.
 */
export type Painter = (text: string) => string;

export interface Paint {
  readonly bold: Painter;
  readonly dim: Painter;
  readonly red: Painter;
  readonly yellow: Painter;
  readonly green: Painter;
  readonly cyan: Painter;
  readonly magenta: Painter;
  readonly blue: Painter;
  readonly inverse: Painter;
}

const plain: Painter = (text) => text;

export const NO_PAINT: Paint = {
  bold: plain,
  dim: plain,
  red: plain,
  yellow: plain,
  green: plain,
  cyan: plain,
  magenta: plain,
  blue: plain,
  inverse: plain,
};
