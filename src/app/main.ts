import { mount } from 'svelte';
import './theme.css';
import App from './app.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html lacks the #app element');

// Loading the modules and mounting the app run as two tasks, so neither holds the page as long.
setTimeout(() => mount(App, { target }), 0);
