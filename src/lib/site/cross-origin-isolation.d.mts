export declare const crossOriginIsolation: Readonly<Record<string, string>>;
