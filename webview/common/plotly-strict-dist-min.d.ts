// plotly.js-strict-dist-min ships no types; plotly.ts declares the calls it uses.
declare module 'plotly.js-strict-dist-min';
