import type { ScenarioDef } from "../model";
import { blogLocal } from "./blog";
import { classicCases } from "./classic";
import { clusterCases } from "./clusters";
import { fiveNodeCases } from "./fiveNodes";
import { healthCases } from "./healthCases";
import { sourceIpCases } from "./sourceIp";
import { workedCases } from "./worked";
import { albCases, moreAlbCases } from "./alb";
import { overTimeCases } from "./overTime";

/** Every built-in scenario, in the order the demo lists them (the blog's example first). */
export const scenarios: ScenarioDef[] = [blogLocal, ...workedCases, ...classicCases, ...fiveNodeCases, ...sourceIpCases, ...healthCases, ...clusterCases, ...overTimeCases, ...albCases, ...moreAlbCases];
