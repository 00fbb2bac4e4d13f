import { describe, expect, it } from 'vitest';
import { createStyle, shouldUseColor, stripAnsi, visibleWidth } from './style';

describe('shouldUseColor', () => {
  it('colours a terminal only', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });

  it('never colours when NO_COLOR is set to a non-empty value (no-color.org)', () => {
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });
});

describe('createStyle', () => {
  it('leaves text alone when colour is off', () => {
    const style = createStyle(false);
    expect(style.bold(style.red('x'))).toBe('x');
  });

  it('wraps text in ANSI escapes when colour is on, which take no width', () => {
    const style = createStyle(true);
    const text = style.bold(style.green('ok'));
    expect(text).toBe('\u001b[1m\u001b[32mok\u001b[39m\u001b[22m');
    expect(stripAnsi(text)).toBe('ok');
    expect(visibleWidth(text)).toBe(2);
  });

  it('counts a non-ASCII character as one column', () => {
    expect(visibleWidth('∂y/∂x1 √')).toBe(8);
  });

  it('counts the columns a terminal gives: two for CJK and emoji, none for a combining accent', () => {
    expect(visibleWidth('王小明')).toBe(6);
    expect(visibleWidth('Ex 3 for 王小明')).toBe(15);
    expect(visibleWidth('Rene\u0301e')).toBe(5);
    expect(visibleWidth('🎓 Ada')).toBe(6);
    expect(visibleWidth(createStyle(true).bold('王'))).toBe(2);
  });
});
