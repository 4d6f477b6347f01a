import { mount } from 'svelte';
import './theme.css';
import App from './app.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html lacks the #app element');

export default mount(App, { target });
