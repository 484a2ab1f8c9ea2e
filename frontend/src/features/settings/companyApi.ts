import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../api/client";
import type { components } from "../../api/schema";

export type CompanySettings = components["schemas"]["CompanySettings"];
export type CompanyProfile = components["schemas"]["CompanyProfile"];

export const COMPANY_FIELDS = ["name", "address", "phone", "email", "website", "tax_number", "bank_name", "bank_account"] as const satisfies readonly (keyof CompanyProfile)[];
export type CompanyField = (typeof COMPANY_FIELDS)[number];

export const companyKey = ["settings", "company"] as const;

/** The company header documents print. */
export function useCompany() {
  return useQuery({ queryKey: companyKey, queryFn: () => unwrap(api.GET("/api/v1/settings/company")) });
}

/** Saves the company header at the version it was read (If-Match). */
export function useSaveCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: CompanyProfile; version: number }) => unwrap(api.PUT("/api/v1/settings/company", { body, params: { header: ifMatch(version) } })),
    onSuccess: (saved) => queryClient.setQueryData(companyKey, saved),
  });
}

/** The form's values as the API takes them: blank fields are null. */
export function companyBody(values: Partial<Record<CompanyField, string | null | undefined>>): CompanyProfile {
  const body: CompanyProfile = {};
  for (const field of COMPANY_FIELDS) {
    const v = values[field];
    body[field] = typeof v === "string" && v.trim() !== "" ? v.trim() : null;
  }
  return body;
}
