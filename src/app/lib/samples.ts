/** A demo file shipped in the repository's samples/ folder. */
export interface SampleEntry {
  fileName: string;
  url: string;
  kind: 'midi' | 'wav';
}

/** Lists the shipped samples (the build writes samples/index.json from the folder's contents). */
export async function listSamples(): Promise<SampleEntry[]> {
  const response = await fetch('/samples/index.json');
  if (!response.ok) return [];
  const index: unknown = await response.json();
  const files =
    typeof index === 'object' && index !== null && 'files' in index && Array.isArray(index.files) ? index.files : [];
  return files
    .filter((name): name is string => typeof name === 'string')
    .map((fileName) => ({
      fileName,
      url: `/samples/${encodeURIComponent(fileName)}`,
      kind: /\.wav$/i.test(fileName) ? ('wav' as const) : ('midi' as const),
    }));
}
