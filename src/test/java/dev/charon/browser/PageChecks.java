package dev.charon.browser;

/** Scripts the browser tests run in a page to measure it, shared so two tests cannot measure apart. */
final class PageChecks {
  private PageChecks() {}

  /**
   * The GM console's controls smaller than {@code arguments[0]} CSS pixels either way (a checkbox
   * or radio counts by its label), outside the map's SVG: a list of "name WxH (tag.class)".
   */
  static final String SMALL_TARGETS = """
      const min = arguments[0];
      const out = [];
      const sel = '.gm-page button, .gm-page input, .gm-page select, .gm-page textarea, .gm-page a[href], .gm-page [role=tab], .gm-page [role=option], .gm-page [role=radio]';
      for (const el of document.querySelectorAll(sel)) {
        if (el.closest('svg')) continue;
        // a checkbox's or radio's target is its label
        const target = el.tagName === 'INPUT' && el.closest('label') ? el.closest('label') : el;
        const r = target.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        if (r.width < min - 0.5 || r.height < min - 0.5) {
          const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.tagName).trim().slice(0, 30);
          out.push(name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' (' + el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ')');
        }
      }
      return out;
      """;
}
