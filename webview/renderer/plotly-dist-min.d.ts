// plotly.js-dist-min ships no types; plotly.ts declares the calls it uses.
declare module 'plotly.js-dist-min';
