// Chart geometry computed once, in pure code, for the screen's SVG and the PDF appendix's vector paths.
export * from './marks';
export * from './scale';
export * from './text-fit';
export * from './bars';
export * from './lines';
export * from './bands';
