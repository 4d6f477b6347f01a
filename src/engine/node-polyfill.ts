// Installs the pure-JS Web Audio API globals Tone.js needs in Node. Import before 'tone'.
import 'web-audio-api/polyfill';
