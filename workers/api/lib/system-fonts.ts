/**
 * The fonts of every page the Worker renders (owner pages, /docs): the systems' own Chinese
 * fonts, never a web font, so no page loads anything from another origin.
 */
export const systemFontStack =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, sans-serif';
