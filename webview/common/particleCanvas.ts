import {
  BufferAttribute,
  BufferGeometry,
  LineBasicMaterial,
  LineSegments,
  MOUSE,
  OrthographicCamera,
  type PerspectiveCamera,
  Points,
  Scene,
  TOUCH,
  WebGLRenderer,
  type Vector3,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { SnapshotOutput } from '../../src/core/lang/outputs';
import { cellBounds, fitOrthographic, orthographicCamera, perspectiveCamera, positionBounds } from './cameraFraming';
import { renderColourBar, type ColourKey } from './colourBar';
import { colourTable, DIVERGING, SEQUENTIAL, speciesColour, valueLimits } from './colourScales';
import { filterParticles, insideValueRange, type SnapshotView } from './particleView';
import { particleMaterial } from './particleMaterial';
import { pickParticle } from './particlePick';

export type { SnapshotView };

/** One frame of particles to draw. A SnapshotOutput is structurally one. */
export interface ParticleFrame {
  readonly dimension: 2 | 3;
  /** Float32Array row-major [n x 3], sigma_AA (z = 0 in 2D). */
  readonly positions: Float32Array;
  /** Uint8Array [n], index into speciesNames. */
  readonly species: Uint8Array;
  readonly speciesNames: readonly string[];
  /** Float32Array [n], the colouring column (softness S, a LAMMPS c_/v_ column, ...), or null. */
  readonly values: Float32Array | null;
  readonly valueName: string;
  /** The periodic cell (drawn as its edges), or null for open boundaries. */
  readonly cell: SnapshotOutput['cell'];
}

/**
 * 'diverging': centred on 0, red > 0 (soft), blue < 0 (hard); 'sequential': viridis min..max;
 * 'species': one colour per species (the plots' palette).
 */
export type ColourMode = 'diverging' | 'sequential' | 'species';

export interface ParticleCanvas {
  /** Draws `frame` filtered by `view` and coloured by `colour`; see createParticleCanvas. */
  draw(frame: ParticleFrame, view: SnapshotView, colour: ColourMode): void;
  /** number of particles currently drawn (after species/slab filters) — for tests */
  readonly drawnCount: number;
  /** how many of the drawn particles are inside view.valueRange (all drawn when there is none) */
  readonly highlightedCount: number;
  dispose(): void;
}

/**
 * Drawing diameters (sigma_AA) by species index: the Kob-Andersen mixture's sigma_AA = 1 and
 * sigma_BB = 0.88 (Kob & Andersen, PRE 51, 4626 (1995)); further species 0.8.
 */
export const SPECIES_DIAMETER: readonly number[] = [1, 0.88];
const OTHER_DIAMETER = 0.8;
/** Particles outside a highlighted value range: faint grey, at this fraction of their diameter. */
const OUTSIDE_RGB = [128, 128, 128] as const;
const OUTSIDE_SCALE = 0.55;
/** Non-finite values (no softness for this particle) are drawn mid grey. */
const MISSING_RGB = [160, 160, 160] as const;

/**
 * A WebGL particle view (three.js) appended to `parent`, filling it (give `parent` a height):
 * one THREE.Points draw call for all particles (round sprites sized in sigma_AA by species,
 * coloured per vertex), the periodic cell as line segments, an orthographic top-down camera
 * with pan/zoom for 2D and a perspective camera with OrbitControls (rotate, zoom, pan) for 3D,
 * and an HTML colour bar (or species legend) on the right; a click on a particle labels it
 * (index, species, value, position). It renders on demand only: on draw,
 * on camera interaction and on resize — no animation loop. Each render dispatches the DOM event
 * 'softness:drawn' on the canvas's root element (`.softness-particles`).
 *
 * `draw` uploads the frame's arrays once per new frame object (positions are used in place, not
 * copied) and keeps the camera while the dimension stays the same, so a frame slider does not
 * reset the user's view; a changed `view` or colour mode rewrites only the index, colour and
 * size attributes (filtering is one pass, filterParticles). Particles outside `view.valueRange`
 * are drawn smaller and grey. Colour limits span the whole frame (not the filtered part) so
 * colours do not shift while filtering.
 * Throws Error if WebGL is unavailable; `draw` throws RangeError when the arrays' lengths
 * disagree, when colouring by value (or highlighting a value range) a frame without values,
 * or for an inverted slab/range.
 */
export function createParticleCanvas(parent: HTMLElement): ParticleCanvas {
  const root = document.createElement('div');
  root.className = 'softness-particles';
  Object.assign(root.style, { display: 'flex', width: '100%', height: '100%', minHeight: '240px' });
  const viewport = document.createElement('div');
  Object.assign(viewport.style, { flex: '1', minWidth: '0', position: 'relative' });
  const bar = document.createElement('div');
  bar.className = 'softness-colourbar';
  Object.assign(bar.style, {
    width: '76px',
    display: 'flex',
    flexDirection: 'column',
    fontSize: '11px',
    padding: '4px 0 4px 6px',
    color: 'var(--vscode-editor-foreground, inherit)',
  });
  root.append(viewport, bar);
  parent.append(root);

  let renderer: WebGLRenderer;
  try {
    // preserveDrawingBuffer: the picture stays readable (screenshots, tests) between on-demand renders.
    renderer = new WebGLRenderer({ alpha: true, antialias: false, preserveDrawingBuffer: true });
  } catch (error) {
    root.remove();
    throw new Error(`WebGL is not available in this view, so particles cannot be drawn: ${(error as Error).message}`);
  }
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.setClearColor(0x000000, 0);
  Object.assign(renderer.domElement.style, { display: 'block', width: '100%', height: '100%' });
  renderer.domElement.setAttribute('role', 'img');
  viewport.append(renderer.domElement);

  const scene = new Scene();
  const material = particleMaterial();
  let geometry = new BufferGeometry();
  const points = new Points(geometry, material);
  // The bounding sphere would be recomputed per frame for culling; the cell is always in view.
  points.frustumCulled = false;
  scene.add(points);
  const cellMaterial = new LineBasicMaterial({ color: 0x8c8c8c });
  let cellLines: LineSegments | null = null;

  let current: ParticleFrame | null = null;
  let drawn = new Uint32Array(0);
  let colours = new Uint8Array(0);
  let diameters = new Float32Array(0);
  let camera: OrthographicCamera | PerspectiveCamera | null = null;
  let controls: OrbitControls | null = null;
  let drawnCount = 0;
  let highlightedCount = 0;
  let pending = false;
  let disposed = false;

  const aspect = (): number => Math.max(1, viewport.clientWidth) / Math.max(1, viewport.clientHeight);
  const render = (): void => {
    if (disposed || !camera || viewport.clientWidth === 0 || viewport.clientHeight === 0) return;
    renderer.render(scene, camera);
    root.dispatchEvent(new Event('softness:drawn'));
  };
  const requestRender = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  };
  let size = [0, 0];
  const resize = (): void => {
    const [width, height] = [viewport.clientWidth, viewport.clientHeight];
    // setSize reallocates the drawing buffer: only when the size really changed.
    if (width === 0 || height === 0 || (width === size[0] && height === size[1])) return;
    size = [width, height];
    renderer.setSize(width, height, false);
    material.uniforms.halfHeightPx.value = (height * renderer.getPixelRatio()) / 2;
    if (camera instanceof OrthographicCamera) fitOrthographic(camera, aspect());
    else if (camera) {
      camera.aspect = aspect();
      camera.updateProjectionMatrix();
    }
  };
  const observer = new ResizeObserver(() => {
    resize();
    requestRender();
  });
  observer.observe(viewport);
  // The browser drops the oldest WebGL contexts when a page holds too many (many outputs open):
  // say so instead of leaving a blank view, and draw again when it hands the context back.
  const lost = document.createElement('div');
  lost.className = 'softness-context-lost';
  lost.textContent = 'WebGL context lost (too many views open?); the particles are drawn again when the browser restores it.';
  Object.assign(lost.style, { position: 'absolute', inset: '0', padding: '1em', opacity: '0.8' });
  renderer.domElement.addEventListener('webglcontextlost', () => disposed || viewport.append(lost));
  renderer.domElement.addEventListener('webglcontextrestored', () => {
    lost.remove();
    requestRender();
  });

  // Click (press and release without dragging the camera) on a particle: its index, species,
  // value and position in a small label at the pointer; a click on empty space removes it.
  const label = document.createElement('div');
  label.className = 'softness-particle-label';
  Object.assign(label.style, {
    position: 'absolute',
    pointerEvents: 'none',
    padding: '2px 6px',
    fontSize: '11px',
    whiteSpace: 'nowrap',
    background: 'var(--vscode-editorHoverWidget-background, rgba(30,30,30,0.85))',
    color: 'var(--vscode-editorHoverWidget-foreground, #eee)',
    borderRadius: '3px',
  });
  let pressed: { x: number; y: number } | null = null;
  renderer.domElement.addEventListener('pointerdown', (event) => (pressed = { x: event.offsetX, y: event.offsetY }));
  renderer.domElement.addEventListener('pointerup', (event) => {
    const click = pressed && Math.hypot(event.offsetX - pressed.x, event.offsetY - pressed.y) < 4;
    pressed = null;
    if (!click || !camera || !current) return;
    const i = pickParticle(
      { positions: current.positions, drawn, count: drawnCount, diameters },
      camera,
      viewport.clientWidth,
      viewport.clientHeight,
      event.offsetX,
      event.offsetY,
    );
    if (i < 0) return label.remove();
    const p = Array.from(current.positions.subarray(3 * i, 3 * i + 3), (v) => v.toFixed(2)).slice(0, current.dimension);
    const value = current.values ? ` · ${current.valueName} = ${current.values[i].toPrecision(4)}` : '';
    label.textContent = `#${i} · ${current.speciesNames[current.species[i]] ?? current.species[i]}${value} · (${p.join(', ')}) σ_AA`;
    Object.assign(label.style, { left: `${event.offsetX + 10}px`, top: `${event.offsetY + 10}px` });
    viewport.append(label);
  });

  const setCamera = (frame: ParticleFrame): void => {
    controls?.dispose();
    const bounds = frame.cell ? cellBounds(frame.cell) : positionBounds(frame.positions);
    let target: Vector3;
    if (frame.dimension === 2) ({ camera, target } = orthographicCamera(bounds, aspect()));
    else ({ camera, target } = perspectiveCamera(bounds, aspect()));
    controls = new OrbitControls(camera, renderer.domElement);
    controls.target.copy(target);
    controls.zoomToCursor = true;
    if (frame.dimension === 2) {
      controls.enableRotate = false;
      controls.mouseButtons = { LEFT: MOUSE.PAN, MIDDLE: MOUSE.DOLLY, RIGHT: MOUSE.PAN };
      controls.touches = { ONE: TOUCH.PAN, TWO: TOUCH.DOLLY_PAN };
    }
    controls.update();
    controls.addEventListener('change', requestRender);
    material.uniforms.perspective.value = frame.dimension === 3;
    material.uniforms.shaded.value = frame.dimension === 3;
  };

  const setFrame = (frame: ParticleFrame): void => {
    const n = frame.species.length;
    if (frame.positions.length !== 3 * n)
      throw new RangeError(
        `particle frame: positions hold ${frame.positions.length} numbers, expected 3 x ${n} (one row per species entry)`,
      );
    if (frame.values && frame.values.length !== n)
      throw new RangeError(`particle frame: ${frame.valueName} has ${frame.values.length} values, expected ${n}`);
    if (drawn.length !== n) {
      drawn = new Uint32Array(n);
      colours = new Uint8Array(3 * n);
      diameters = new Float32Array(n);
    }
    geometry.dispose();
    geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(frame.positions, 3));
    geometry.setAttribute('colour', new BufferAttribute(colours, 3, true));
    geometry.setAttribute('diameter', new BufferAttribute(diameters, 1));
    geometry.setIndex(new BufferAttribute(drawn, 1));
    points.geometry = geometry;
    if (cellLines) {
      scene.remove(cellLines);
      cellLines.geometry.dispose();
      cellLines = null;
    }
    if (frame.cell) {
      cellLines = new LineSegments(cellEdges(frame.cell, frame.dimension), cellMaterial);
      scene.add(cellLines);
    }
    if (!current || current.dimension !== frame.dimension) setCamera(frame);
    current = frame;
  };

  let limitsKey: { values: Float32Array; colour: ColourMode } | null = null;
  let limits = { lo: -1, hi: 1 };
  const valueLimitsOf = (values: Float32Array, colour: 'diverging' | 'sequential'): { lo: number; hi: number } => {
    if (!limitsKey || limitsKey.values !== values || limitsKey.colour !== colour) {
      limits = valueLimits(values, colour);
      limitsKey = { values, colour };
    }
    return limits;
  };
  const tables = { diverging: colourTable(DIVERGING), sequential: colourTable(SEQUENTIAL) };

  return {
    draw(frame, view, colour) {
      if (disposed) throw new Error('particle canvas: draw after dispose');
      if (colour !== 'species' && !frame.values)
        throw new RangeError(`particle frame: colouring by a ${colour} scale needs values, and this frame has none (use 'species')`);
      if (frame !== current) setFrame(frame);
      // The labelled particle may be filtered out or belong to the previous frame.
      label.remove();
      const count = filterParticles(frame, view, drawn);
      const { species, values } = frame;
      const scale = colour === 'species' || !values ? null : valueLimitsOf(values, colour);
      const table = colour === 'species' ? null : tables[colour];
      const last = table ? table.length / 3 - 1 : 0;
      let highlighted = 0;
      for (let k = 0; k < count; k++) {
        const i = drawn[k];
        const s = species[i];
        const diameter = s < SPECIES_DIAMETER.length ? SPECIES_DIAMETER[s] : OTHER_DIAMETER;
        const v = values ? values[i] : Number.NaN;
        const inside = insideValueRange(view, v);
        if (inside) highlighted++;
        diameters[i] = inside ? diameter : OUTSIDE_SCALE * diameter;
        if (!inside) colours.set(OUTSIDE_RGB, 3 * i);
        else if (!scale || !table) colours.set(speciesColour(s), 3 * i);
        else if (!Number.isFinite(v)) colours.set(MISSING_RGB, 3 * i);
        else {
          const t = Math.round(((v - scale.lo) / (scale.hi - scale.lo)) * last);
          const row = 3 * Math.min(last, Math.max(0, t));
          colours[3 * i] = table[row];
          colours[3 * i + 1] = table[row + 1];
          colours[3 * i + 2] = table[row + 2];
        }
      }
      for (const name of ['colour', 'diameter'] as const) geometry.getAttribute(name).needsUpdate = true;
      (geometry.getIndex() as BufferAttribute).needsUpdate = true;
      geometry.setDrawRange(0, count);
      drawnCount = count;
      highlightedCount = highlighted;
      const key: ColourKey = scale
        ? { kind: 'scale', title: frame.valueName, stops: colour === 'sequential' ? SEQUENTIAL : DIVERGING, lo: scale.lo, hi: scale.hi }
        : { kind: 'species', title: 'species', speciesNames: frame.speciesNames };
      renderColourBar(bar, key);
      renderer.domElement.setAttribute(
        'aria-label',
        `${count} of ${species.length} particles in ${frame.dimension}D, coloured by ${colour === 'species' ? 'species' : frame.valueName}`,
      );
      resize();
      render();
    },
    get drawnCount() {
      return drawnCount;
    },
    get highlightedCount() {
      return highlightedCount;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      observer.disconnect();
      controls?.dispose();
      geometry.dispose();
      material.dispose();
      cellLines?.geometry.dispose();
      cellMaterial.dispose();
      renderer.dispose();
      // Browsers keep only a few WebGL contexts alive; release this one now, not at GC.
      renderer.forceContextLoss();
      root.remove();
    },
  };
}

/** The 12 edges (3D) or 4 edges (2D) of the parallelepiped origin + {0,1}a + {0,1}b + {0,1}c, as line-segment pairs. */
function cellEdges(cell: NonNullable<SnapshotOutput['cell']>, dimension: 2 | 3): BufferGeometry {
  const corner = (i: number, j: number, k: number): number[] =>
    [0, 1, 2].map((d) => cell.origin[d] + i * cell.a[d] + j * cell.b[d] + k * cell.c[d]);
  const edges: number[] = [];
  const ks = dimension === 3 ? [0, 1] : [0];
  for (const k of ks) {
    edges.push(
      ...corner(0, 0, k),
      ...corner(1, 0, k),
      ...corner(1, 0, k),
      ...corner(1, 1, k),
      ...corner(1, 1, k),
      ...corner(0, 1, k),
      ...corner(0, 1, k),
      ...corner(0, 0, k),
    );
  }
  if (dimension === 3)
    for (const [i, j] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ])
      edges.push(...corner(i, j, 0), ...corner(i, j, 1));
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(edges), 3));
  return geometry;
}
