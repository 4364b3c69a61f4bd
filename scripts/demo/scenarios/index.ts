import type { ScenarioDef } from "../model";
import { blogLocal } from "./blog";

/** Every built-in scenario, in the order the demo lists them. */
export const scenarios: ScenarioDef[] = [blogLocal];
