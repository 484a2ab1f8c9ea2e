import { createElement } from "react";
import { ContactsOutlined, TeamOutlined } from "@ant-design/icons";
import { api, unwrap } from "../../api/client";
import type { Contact, Customer } from "../../api/types";
import { SEARCH_PAGE_SIZE, searchSource } from "../../app/search/source";

const join = (...parts: (string | null | undefined)[]) => parts.filter((part) => part && part.trim() !== "").join(" · ");

export const customerSearch = searchSource<Customer>({
  key: "customers",
  labelKey: "common:entities.customers",
  matchesKey: "customers:search.matches",
  icon: createElement(TeamOutlined),
  permission: "customers:read",
  find: (q, signal) =>
    unwrap(api.GET("/api/v1/customers", { params: { query: { q, page: 1, page_size: SEARCH_PAGE_SIZE } }, signal })).then((page) => page.items),
  hit: (c) => ({ id: c.id, title: c.name, subtitle: join(c.code, [c.province, c.city].filter(Boolean).join(""), c.owner_name), path: `/customers/${c.id}` }),
  create: { labelKey: "customers:search.create", permission: "customers:create", path: "/customers" },
});

/** A contact with the name of its customer, which the contacts list does not carry. */
export type ContactWithCustomer = { contact: Contact; customer?: Pick<Customer, "name"> };

async function findContacts(q: string, signal: AbortSignal): Promise<ContactWithCustomer[]> {
  const contacts = (await unwrap(api.GET("/api/v1/contacts", { params: { query: { q, page: 1, page_size: SEARCH_PAGE_SIZE } }, signal }))).items;
  const ids = [...new Set(contacts.map((c) => c.customer_id))];
  // One more request names the customers; without it (no permission, a failure) the contacts still show.
  const customers =
    ids.length === 0
      ? []
      : await unwrap(api.GET("/api/v1/customers", { params: { query: { id: ids.join(","), page: 1, page_size: ids.length } }, signal }))
          .then((page) => page.items)
          .catch((error: unknown) => {
            if (signal.aborted) throw error;
            return [];
          });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return contacts.map((contact) => ({ contact, customer: byId.get(contact.customer_id) }));
}

/** Contacts have no page of their own; one opens on its customer's contacts tab. */
export const contactSearch = searchSource<ContactWithCustomer>({
  key: "contacts",
  labelKey: "common:entities.contacts",
  matchesKey: "customers:contacts.searchMatches",
  icon: createElement(ContactsOutlined),
  permission: "contacts:read",
  find: findContacts,
  hit: ({ contact, customer }) => ({
    id: contact.id,
    title: contact.name,
    subtitle: join(customer?.name, contact.title, contact.mobile || contact.phone),
    path: `/customers/${contact.customer_id}?tab=contacts`,
  }),
});
