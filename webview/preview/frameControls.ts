import type { SnapshotView } from '../common/particleCanvas';
import { checkbox, h } from '../common/dom';

/** What the controls select; `onChange` reports every change. */
export interface ControlValues {
  frame: number;
  /** 'species' or the name of a per-atom column. */
  colour: string;
  hiddenSpecies: Set<number>;
  slab: SnapshotView['slab'];
}

export interface FrameControls {
  readonly element: HTMLElement;
  /** New frame count (the index grows): widens the slider. */
  setFrameCount(frames: number): void;
  /** Moves the slider and its label without reporting a change; `boxText` describes the frame's cell (e.g. its tilt under shear). */
  showFrame(frame: number, timestep: number | null, boxText: string): void;
  /** True while play is on. */
  readonly playing: boolean;
  /** Stops playing (at the last frame, or on an error). */
  pause(): void;
}

const AXES = ['x', 'y', 'z'] as const;

/**
 * The preview's controls: a frame slider with play/pause, the colouring (species or any per-atom
 * column), one checkbox per species and, for 3D, a slab: particles whose coordinate along the
 * chosen axis lies within `thickness` / 2 of the centre (sigma_AA), the centre sliding across the
 * box extent `extent[axis]` = [lo, hi]. `onChange(values, what)` fires on every user change;
 * `onPlayStep()` asks for the next frame while playing.
 */
export function frameControls(
  options: {
    speciesNames: readonly string[];
    columns: readonly string[];
    dimension: 2 | 3;
    extent: ReadonlyArray<readonly [number, number]>;
    initial: ControlValues;
  },
  onChange: (values: ControlValues, what: 'frame' | 'colour' | 'view') => void,
  onPlayStep: () => void,
): FrameControls {
  const values = options.initial;
  const slider = h('input', {
    type: 'range',
    id: 'frame-slider',
    min: '0',
    max: '0',
    step: '1',
    value: String(values.frame),
    title: 'frame',
  });
  const label = h('span', { id: 'frame-label' });
  const box = h('span', { id: 'frame-box', className: 'note' });
  const play = h('button', { id: 'play', textContent: '▶ play', title: 'play the frames one after another' });
  let playing = false;
  const setPlaying = (on: boolean): void => {
    playing = on;
    play.textContent = on ? '⏸ pause' : '▶ play';
  };
  slider.addEventListener('input', () => {
    values.frame = Number(slider.value);
    onChange(values, 'frame');
  });
  play.addEventListener('click', () => {
    setPlaying(!playing);
    if (playing) onPlayStep();
  });

  const colour = h(
    'select',
    { id: 'colour-by', title: 'colour the particles by' },
    h('option', { value: 'species', textContent: 'species' }),
    ...options.columns.map((c) => h('option', { value: c, textContent: c })),
  );
  colour.value = values.colour;
  colour.addEventListener('change', () => {
    values.colour = colour.value;
    onChange(values, 'colour');
  });
  const species = options.speciesNames.map((name, s) =>
    checkbox(name, !values.hiddenSpecies.has(s), (on) => {
      if (on) values.hiddenSpecies.delete(s);
      else values.hiddenSpecies.add(s);
      onChange(values, 'view');
    }),
  );
  const rows = [
    h('div', { className: 'controls' }, play, slider, label, box),
    h(
      'div',
      { className: 'controls' },
      h('label', {}, 'colour by ', colour),
      ...species,
      ...(options.dimension === 3 ? [slabControl(options.extent, values, () => onChange(values, 'view'))] : []),
    ),
  ];
  return {
    element: h('div', { className: 'frame-controls' }, ...rows),
    setFrameCount(frames) {
      slider.max = String(Math.max(0, frames - 1));
    },
    showFrame(frame, timestep, boxText) {
      slider.value = String(frame);
      box.textContent = boxText;
      label.textContent = `frame ${frame} of 0–${slider.max}${timestep === null ? '' : `, timestep ${timestep}`}`;
    },
    get playing() {
      return playing;
    },
    pause() {
      setPlaying(false);
    },
  };
}

/** Slab along an axis: a centre slider over the box extent and a thickness (sigma_AA). */
function slabControl(extent: ReadonlyArray<readonly [number, number]>, values: ControlValues, changed: () => void): HTMLElement {
  const axis = h(
    'select',
    { id: 'slab-axis', title: 'show only a slab perpendicular to this axis' },
    h('option', { value: '', textContent: 'off' }),
    ...AXES.map((a, k) => h('option', { value: String(k), textContent: a })),
  );
  const centre = h('input', { type: 'range', id: 'slab-centre', step: 'any', title: 'slab centre', disabled: true });
  const thickness = h('input', {
    type: 'number',
    id: 'slab-thickness',
    value: '2',
    min: '0',
    step: '0.5',
    title: 'slab thickness (σ_AA)',
    disabled: true,
  });
  const label = h('span', { className: 'note' });
  const emit = (): void => {
    if (axis.value === '') {
      values.slab = null;
      label.textContent = '';
    } else {
      const k = Number(axis.value) as 0 | 1 | 2;
      const half = Math.max(0, Number(thickness.value) || 0) / 2;
      const c = Number(centre.value);
      values.slab = { axis: k, lo: c - half, hi: c + half };
      label.textContent = `${AXES[k]} ∈ [${(c - half).toFixed(2)}, ${(c + half).toFixed(2)}] σ_AA`;
    }
    changed();
  };
  axis.addEventListener('change', () => {
    const on = axis.value !== '';
    centre.disabled = thickness.disabled = !on;
    if (on) {
      const [lo, hi] = extent[Number(axis.value)];
      Object.assign(centre, { min: String(lo), max: String(hi), value: String((lo + hi) / 2) });
    }
    emit();
  });
  centre.addEventListener('input', emit);
  thickness.addEventListener('input', emit);
  return h('span', { className: 'slab' }, 'slab ', axis, ' centre ', centre, ' thickness ', thickness, ' ', label);
}
