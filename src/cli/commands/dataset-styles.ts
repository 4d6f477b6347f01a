import { Option, type Command } from 'commander';
import { REMIX_STYLES } from '../../core/soundfont/styles.ts';
import { action, usageError } from '../run-command.ts';
import { parseChoiceOption, parseFloatOption, parseIntOption } from '../options.ts';

interface StylesCommandOptions {
  soundfont: string;
  midi: string[];
  out: string;
  segments: number;
  seconds: number;
  sampleRate: number;
  validationShare: number;
  split: 'all' | 'train' | 'validation';
  styles?: string;
  gain: number;
  json?: boolean;
}

/** `alea dataset styles`: the same music segments rendered once per Remix style (paired). */
export function registerDatasetStyles(dataset: Command): void {
  dataset
    .command('styles')
    .description('render segments of MIDI songs once per Remix style (a GM instrument set), paired, with whole songs held out for validation')
    .requiredOption('--soundfont <file>', 'a General MIDI SoundFont (.sf2 or .sf3)')
    .requiredOption('--midi <dirs...>', 'folders of MIDI songs (e.g. ../shared/data/pop909 ../shared/data/nottingham)')
    .requiredOption('--out <dir>', 'the folder to write styles.json and audio.pcm16 into')
    .option('--segments <n>', 'segments in all (train + validation), one per song', parseIntOption('--segments', 1, 100_000), 360)
    .option('--seconds <s>', 'seconds per segment', parseFloatOption('--seconds', 0.5, 60), 4)
    .option('--sample-rate <hz>', 'sample rate of the renders', parseIntOption('--sample-rate', 8000, 48000), 16000)
    .option('--validation-share <f>', 'share of segments taken from held-out songs (split by file-name hash)', parseFloatOption('--validation-share', 0, 1), 0.15)
    .addOption(new Option('--split <which>', 'render all segments, or only one split (the same selection, so sets of two banks pair up)').argParser(parseChoiceOption('--split', ['all', 'train', 'validation'] as const)).default('all'))
    .option('--styles <names>', `comma-separated subset of the styles (default: all of ${REMIX_STYLES.map((s) => s.name).join(', ')})`)
    .option('--gain <factor>', 'scale before storing as 16-bit', parseFloatOption('--gain', 0.01, 1000), 1)
    .option('--json', 'print a JSON summary')
    .action(action(async (options: StylesCommandOptions) => styles(options)));
}

async function styles(options: StylesCommandOptions): Promise<void> {
  const names = options.styles === undefined ? REMIX_STYLES.map((s) => s.name) : options.styles.split(',').map((s) => s.trim());
  const chosen = names.map((name) => {
    const style = REMIX_STYLES.find((s) => s.name === name);
    if (style === undefined) throw usageError(`--styles: unknown style '${name}' (known: ${REMIX_STYLES.map((s) => s.name).join(', ')})`);
    return style;
  });
  const { buildStyleSet } = await import('../dataset/styles.ts');
  const summary = await buildStyleSet({
    soundfontPath: options.soundfont,
    midiDirs: options.midi,
    outDir: options.out,
    styles: chosen,
    segments: options.segments,
    segmentSeconds: options.seconds,
    sampleRate: options.sampleRate,
    validationShare: options.validationShare,
    split: options.split,
    gain: options.gain,
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  process.stdout.write(
    `wrote ${summary.segments} segments × ${summary.styles} styles to ${summary.out} (${summary.train} train, ${summary.validation} validation; ` +
      `${summary.megabytes} MB, ${summary.audioSeconds} s of audio); ${summary.unreadableFiles} unreadable MIDI files skipped; ` +
      `peak ${summary.peak}, ${summary.clippedSamples} clipped samples; ${summary.timesRealTime}× real time\n`,
  );
}
