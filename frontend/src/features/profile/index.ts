import type { Feature } from "../../app/registry";
import { routes } from "./routes";

/** Every signed-in user's own page; reached from the user menu in the header, not the side menu. */
export const profileFeature: Feature = { name: "profile", routes, menu: [] };

export const PROFILE_PATH = "/profile";
