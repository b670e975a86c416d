// When the focus counts as lost (useFocusLanding moves it on then): on the page, on an element gone, or on one the
// keyboard can do nothing with, a control switched off by its own `disabled` or by a `<fieldset disabled>` around it.
import { afterEach, describe, expect, it } from 'vitest';
import { focusIsLost } from '../../../renderer/src/hooks/focus-landing';

afterEach(() => {
  document.body.replaceChildren();
});

function page(html: string): void {
  document.body.innerHTML = html;
}

const focus = (id: string) => document.getElementById(id)?.focus();

describe('focusIsLost', () => {
  it('is false on an enabled button, true on the page and on an element removed', () => {
    page('<button id="ok">Retry failed</button>');
    focus('ok');
    expect(focusIsLost()).toBe(false);
    document.getElementById('ok')?.remove();
    expect(focusIsLost()).toBe(true);
  });

  it('is true on a button disabled by itself or by the fieldset around it, not by a fieldset it is the legend of', () => {
    page(`<button id="own">Own</button>
      <fieldset id="set"><legend><button id="in-legend">In the legend</button></legend><button id="in-set">In the set</button></fieldset>`);
    for (const id of ['own', 'in-set', 'in-legend']) {
      focus(id);
      expect(focusIsLost(), id).toBe(false);
    }
    // Disabled once focused, as a button used once is: the element keeps the focus, the keyboard can do nothing there.
    focus('own');
    document.getElementById('own')?.setAttribute('disabled', '');
    expect(focusIsLost(), 'own').toBe(true);
    focus('in-set');
    document.getElementById('set')?.setAttribute('disabled', '');
    expect(document.activeElement?.id).toBe('in-set');
    expect(focusIsLost(), 'in a disabled fieldset').toBe(true);
    focus('in-legend');
    expect(focusIsLost(), 'in the disabled fieldset’s legend').toBe(false);
  });
});
