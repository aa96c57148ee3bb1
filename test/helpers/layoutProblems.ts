import type { Page } from 'playwright-core';

/** What a screen shows wrong at its window size, from the page itself. */
export type LayoutProblems = {
  /** The document scrolls sideways: scrollWidth over clientWidth. */
  readonly pageScroll: { scrollWidth: number; clientWidth: number };
  /** The document scrolls at all (the shell keeps the header put and scrolls only the screen). */
  readonly pageScrollsDown: boolean;
  /** Elements whose box reaches past the window's left or right edge, unless a box that hides its overflow clips them. */
  readonly outOfView: string[];
  /** Elements that scroll sideways inside themselves (a table or a pre wider than its box). */
  readonly sidewaysScrollers: string[];
  /** Elements whose text is cut with an ellipsis and says nowhere (title) what was cut, and selects too narrow for their choice. */
  readonly cutLabels: string[];
  /** The header's top after the screen was scrolled to its end (0 when it stays put). */
  readonly headerTop: number;
  /** The visible text, without error details (where codes belong). */
  readonly text: string;
};

// Runs in the page; a string, since these tests are typed without the DOM library.
const measure = `(() => {
  const width = document.documentElement.clientWidth;
  const describe = (element) => {
    const id = element.id ? '#' + element.id : '';
    const classes = typeof element.className === 'string' && element.className.trim() !== ''
      ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
    const testId = element.dataset?.testid ? '[' + element.dataset.testid + ']' : '';
    const text = (element.textContent ?? '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    return element.tagName.toLowerCase() + id + classes + testId + (text ? ' "' + text + '"' : '');
  };
  const clips = (element) => {
    for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
      // Only a box that hides what overflows it clips; one that scrolls lets it be scrolled to.
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === 'hidden' || overflow === 'clip') return true;
    }
    return false;
  };
  const outOfView = [];
  const sidewaysScrollers = [];
  const cutLabels = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (!element.checkVisibility()) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(element);
    if ((rect.right > width + 1 || rect.left < -1) && !clips(element)) outOfView.push(describe(element));
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
      sidewaysScrollers.push(describe(element) + ' ' + element.scrollWidth + '>' + element.clientWidth);
    }
    if (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1 && !element.title) {
      cutLabels.push(describe(element));
    }
  }
  // A select shows its chosen option in a box of its own width: text wider than the box (less its
  // padding and arrow) is cut without an ellipsis.
  const context = document.createElement('canvas').getContext('2d');
  for (const select of document.body.querySelectorAll('select')) {
    if (!select.checkVisibility()) continue;
    const style = getComputedStyle(select);
    context.font = style.font;
    const chosen = select.selectedOptions[0]?.textContent ?? '';
    // The arrow takes about 20 px at the right, inside the right padding where that is wide enough.
    const room = select.clientWidth - parseFloat(style.paddingLeft) - Math.max(parseFloat(style.paddingRight), 20);
    if (context.measureText(chosen).width > room) cutLabels.push(describe(select) + ' shows "' + chosen + '"');
  }
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || !parent.checkVisibility()) continue;
    if (parent.closest('.error-details, script, style') !== null) continue;
    const value = node.textContent.trim();
    if (value !== '') texts.push(value);
  }
  const main = document.querySelector('.app-main');
  main.scrollTop = main.scrollHeight;
  window.scrollTo(0, document.body.scrollHeight);
  const scroller = document.scrollingElement;
  const result = {
    pageScroll: { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth },
    pageScrollsDown: scroller.scrollHeight > scroller.clientHeight + 1,
    outOfView, sidewaysScrollers, cutLabels,
    headerTop: document.querySelector('.app-header').getBoundingClientRect().top,
    text: texts.join('\\n'),
  };
  main.scrollTop = 0;
  window.scrollTo(0, 0);
  return result;
})()`;

/** Measures the page as it is now (it scrolls the screen to its end and back to read the header). */
export async function layoutProblems(page: Page): Promise<LayoutProblems> {
  return await page.evaluate<LayoutProblems>(measure);
}
