import type { SnapshotOutput } from '../../src/core/lang/outputs';
import type { ColourMode } from '../common/particleCanvas';
import type { SnapshotView } from '../common/particleView';
import { checkbox, h, numberInput } from '../common/dom';
import { onValueRange } from './valueRangeBus';

const AXES = ['x', 'y', 'z'] as const;

/**
 * Draws a snapshot output into `root`: the particles of its one frame coloured by the value (S)
 * on a diverging scale with a colour bar (or by species), in one WebGL draw (webview/common/particleCanvas.ts,
 * three.js, loaded on the first snapshot), plus controls: one checkbox per species, a slab along
 * x/y/z for 3D frames (two sliders, sigma_AA), and a value range to highlight (particles outside
 * it turn small and grey); a value range selected in a P_R(S) plot of the same notebook
 * (valueRangeBus) fills that range in. Control changes redraw at most once per animation frame;
 * the camera is kept. A snapshot holds a single frame, so there is no frame slider. Resolves,
 * once the first drawing is done, to a function that stops listening and releases the WebGL
 * context.
 */
export async function renderSnapshot(root: HTMLElement, snapshot: SnapshotOutput): Promise<() => void> {
  const { createParticleCanvas } = await import('../common/particleCanvas');
  const n = snapshot.species.length;
  const hiddenSpecies = new Set<number>();
  let slab: SnapshotView['slab'] = null;
  let range = { lo: Number.NaN, hi: Number.NaN };
  const graph = h('div', { className: 'softness-snapshot' });
  graph.style.height = '640px';
  const drawn = h('span', { className: 'softness-drawn' });
  const rangeNote = h('span', { className: 'softness-note' });

  const controls = h('div', { className: 'softness-controls' });
  snapshot.speciesNames.forEach((name, s) => {
    controls.append(
      checkbox(name, true, (on) => {
        if (on) hiddenSpecies.delete(s);
        else hiddenSpecies.add(s);
        redraw();
      }),
    );
  });
  if (snapshot.dimension === 3) {
    controls.append(
      slabControl(snapshot, (next) => {
        slab = next;
        redraw();
      }),
    );
  }
  // Colour by the value (diverging, centred on 0) or by species (to see the mixture's structure).
  let colour: ColourMode = 'diverging';
  const colourSelect = h(
    'select',
    { title: 'colour the particles by' },
    h('option', { value: 'diverging', textContent: snapshot.valueName }),
    h('option', { value: 'species', textContent: 'species' }),
  );
  colourSelect.addEventListener('change', () => {
    colour = colourSelect.value as ColourMode;
    redraw();
  });
  controls.append(h('label', {}, 'colour by ', colourSelect));
  const setRange = (bounds: Partial<typeof range>): void => {
    range = { ...range, ...bounds };
    redraw();
  };
  const from = numberInput(`highlight ${snapshot.valueName} from`, null, 0.1, (lo) => setRange({ lo }));
  const to = numberInput('to', null, 0.1, (hi) => setRange({ hi }));
  controls.append(from, to, rangeNote);
  const stopListening = onValueRange((selection) => {
    if (selection.valueName !== snapshot.valueName) return;
    range = selection.range ? { ...selection.range } : { lo: Number.NaN, hi: Number.NaN };
    // Bin edges such as 0.49999999999999994 are shown rounded; the range keeps them exact.
    (from.querySelector('input') as HTMLInputElement).value = Number.isNaN(range.lo) ? '' : shownBound(range.lo);
    (to.querySelector('input') as HTMLInputElement).value = Number.isNaN(range.hi) ? '' : shownBound(range.hi);
    redraw();
  });
  const mouse = snapshot.dimension === 3 ? 'drag to rotate, right-drag to pan' : 'drag to pan';
  const note = h('span', {
    className: 'softness-note',
    textContent: `one frame (a snapshot output holds a single frame, so there is no frame slider); ${mouse}, wheel to zoom`,
  });
  root.append(h('h4', { textContent: snapshot.title }), controls, h('div', { className: 'softness-controls' }, drawn, note), graph);
  const canvas = createParticleCanvas(graph);

  const draw = (): void => {
    const valueRange = range.lo <= range.hi ? range : null;
    rangeNote.textContent = range.lo > range.hi ? 'lower bound above upper bound: ignored' : '';
    canvas.draw(snapshot, { hiddenSpecies, slab, valueRange }, colour);
    const highlighted = valueRange
      ? `, ${canvas.highlightedCount} with ${snapshot.valueName} in [${shownBound(valueRange.lo)}, ${shownBound(valueRange.hi)}]`
      : '';
    drawn.textContent = `drawn ${canvas.drawnCount} of ${n} particles${highlighted}`;
  };
  let pending = false;
  function redraw(): void {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  }
  draw();
  return () => {
    stopListening();
    canvas.dispose();
  };
}

/** A range bound with 6 significant digits, without float noise. */
function shownBound(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** Axis choice (off, x, y, z) and lo/hi sliders spanning the frame's extent along that axis. */
function slabControl(snapshot: SnapshotOutput, onChange: (slab: SnapshotView['slab']) => void): HTMLElement {
  const select = h(
    'select',
    { title: 'cut a slab perpendicular to this axis' },
    h('option', { value: '', textContent: 'off' }),
    ...AXES.map((a, k) => h('option', { value: String(k), textContent: a })),
  );
  const lo = h('input', { type: 'range', title: 'slab lower bound' });
  const hi = h('input', { type: 'range', title: 'slab upper bound' });
  const label = h('span', { className: 'softness-slab-label' });
  const extents = AXES.map((_, axis) => extent(snapshot.positions, axis));
  const emit = (): void => {
    if (select.value === '') {
      label.textContent = '';
      onChange(null);
      return;
    }
    const axis = Number(select.value) as 0 | 1 | 2;
    const [min, max] = extents[axis];
    // A slider at (within 1e-6 of) its end stands for the exact extent: the browser rounds the
    // value string, which would otherwise drop the outermost particle.
    const eps = 1e-6 * (max - min);
    const bound = (input: HTMLInputElement): number => {
      const v = Number(input.value);
      return v <= min + eps ? min : v >= max - eps ? max : v;
    };
    const [a, b] = [bound(lo), bound(hi)].sort((p, q) => p - q);
    label.textContent = `${AXES[axis]} ∈ [${a.toFixed(2)}, ${b.toFixed(2)}] σ_AA`;
    onChange({ axis, lo: a, hi: b });
  };
  select.addEventListener('change', () => {
    const on = select.value !== '';
    lo.disabled = hi.disabled = !on;
    if (on) {
      const [min, max] = extents[Number(select.value)];
      // step 'any': a snapped step could leave the outermost particles outside the full range.
      for (const [input, value] of [
        [lo, min],
        [hi, max],
      ] as const)
        Object.assign(input, { min: String(min), max: String(max), step: 'any', value: String(value) });
    }
    emit();
  });
  lo.addEventListener('input', emit);
  hi.addEventListener('input', emit);
  lo.disabled = hi.disabled = true;
  return h('span', {}, 'slab ', select, ' ', lo, hi, ' ', label);
}

/** [min, max] of column `axis` of positions (Float32Array row-major [n x 3]); [0, 0] if empty. */
function extent(positions: Float32Array, axis: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = axis; i < positions.length; i += 3) {
    if (positions[i] < min) min = positions[i];
    if (positions[i] > max) max = positions[i];
  }
  return min <= max ? [min, max] : [0, 0];
}
