/**
 * A form's region as its fields hold it: the code of the deepest region chosen from the data set,
 * and the names (filled from the choice, or typed by hand for a place the data set lacks).
 */
export type RegionFormValues = {
  region_code?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
};

/** The region as a create or patch body sends it, customers with the district, suppliers without. */
export type RegionBody<D extends 2 | 3> =
  | { region_code: string }
  | (D extends 3 ? { province: string | null; city: string | null; district: string | null } : { province: string | null; city: string | null });

function orNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * A chosen region is sent as its code alone (the server fills the names); without one, the names as
 * typed (the server codes those that are a region), all null when the region was cleared.
 */
export function regionBody<D extends 2 | 3>(values: RegionFormValues, depth: D): RegionBody<D> {
  const code = values.region_code?.trim();
  if (code) return { region_code: code };
  const names = { province: orNull(values.province), city: orNull(values.city) };
  return (depth === 3 ? { ...names, district: orNull(values.district) } : names) as RegionBody<D>;
}

/** A record's region as the form starts from: its code when it has one, its names as they are. */
export function regionFormValues(record: RegionFormValues | null | undefined): RegionFormValues {
  if (!record) return {};
  return {
    region_code: record.region_code ?? undefined,
    province: record.province ?? undefined,
    city: record.city ?? undefined,
    ...(record.district !== undefined ? { district: record.district ?? undefined } : {}),
  };
}
