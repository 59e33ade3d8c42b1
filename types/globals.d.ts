// What the guide's scripts share through globals, for tsc --checkJs (outside docs/, so never shipped).

// The page: calculator-start.js (inlined by the build) starts the worker before the page's modules load.
interface Window {
  calculatorStart: {
    takeOver(listener: (data: any) => void): Worker;
    show(message: string): void;
  };
}

// The calculator's worker: what the browser tests read.
interface WorkerGlobalScope {
  calculatorPython?: unknown;
  calculatorWarmUps?: number;
}

// The service worker: filled in by hooks/offline.py when it writes /sw.js.
declare const __PRECACHE__: string[];
declare const __ON_USE__: string[];
declare const __ROOTS__: string[];
