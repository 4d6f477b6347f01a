import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Slice and Unpack kernels for the wasm backend that read their input in place. tfjs 4.22's
 * own wasm Slice copies the WHOLE input out of the wasm heap (`readSync`) before taking its
 * part, so `unstack` of a [32, 256, 48] tensor costs 45 ms instead of well under one; attention,
 * which splits heads into 2-D matrices, spent most of its time there. Installed once the wasm
 * backend starts (backend.ts), so every slice on wasm gets it. Same outputs as tfjs's kernels;
 * string tensors (not on the wasm heap) still go to them.
 */

let installed = false;
let originalSlice: tf.KernelFunc | undefined;
let originalUnpack: tf.KernelFunc | undefined;

type KernelFuncArgs = Parameters<tf.KernelFunc>[0];

interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}

function sliceKernel(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const x = args.inputs.x;
  if (x === undefined) throw new Error('Slice: no input');
  if (x.dtype === 'string' && originalSlice) return originalSlice(args as KernelFuncArgs);
  const attrs = args.attrs ?? {};
  // parseSliceParams reads only the shape of its tensor argument.
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin as number[], attrs.size as number[]);
  // The kernel registry hands every kernel the generic backend type; this one is registered for wasm only.
  return sliceInPlace(x, begin, size, args.backend as unknown as BackendWasm);
}

/** Same outputs as tfjs's wasm Unpack, made of in-place slices. */
function unpackKernel(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const value = args.inputs.value;
  if (value === undefined) throw new Error('Unpack: no input');
  if (value.dtype === 'string' && originalUnpack) return originalUnpack(args as KernelFuncArgs);
  const rank = value.shape.length;
  const axis = ((args.attrs?.axis as number) + rank) % rank;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = [...value.shape];
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    const begin = new Array<number>(rank).fill(0);
    begin[axis] = i;
    const out = sliceInPlace(value, begin, size, args.backend as unknown as BackendWasm);
    return { dataId: out.dataId, dtype: out.dtype, shape: outShape };
  });
}

function sliceInPlace(x: tf.TensorInfo, begin: number[], size: number[], backend: BackendWasm): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  // Views are taken after makeOutput: growing the heap would detach earlier ones.
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  const run = rank === 0 ? 1 : size[rank - 1];
  const rows = tf.util.sizeFromShape(size) / Math.max(run, 1);
  const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let r = 0; r < rows; r++) {
    let offset = rank === 0 ? 0 : begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
    to.set(from.subarray(offset, offset + run), r * run);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d] < size[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** Replaces the wasm backend's Slice and Unpack with the in-place ones (idempotent; no-op until the wasm package is loaded). */
export function installWasmKernels(): void {
  const slice = tf.getKernel('Slice', 'wasm');
  const unpack = tf.getKernel('Unpack', 'wasm');
  if (installed || slice === undefined || unpack === undefined) return;
  originalSlice = slice.kernelFunc;
  originalUnpack = unpack.kernelFunc;
  tf.unregisterKernel('Slice', 'wasm');
  tf.unregisterKernel('Unpack', 'wasm');
  // tfjs types kernel functions with its own argument type, which these take a structural view of.
  tf.registerKernel({ kernelName: 'Slice', backendName: 'wasm', kernelFunc: sliceKernel as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: 'Unpack', backendName: 'wasm', kernelFunc: unpackKernel as unknown as tf.KernelFunc });
  installed = true;
}
