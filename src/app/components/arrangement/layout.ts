/** Sizes the arrangement and the editor share, so their timelines line up under each other. */
export const HEAD_WIDTH = 248;
export const LANE_HEIGHT = 76;
export const RULER_HEIGHT = 24;
