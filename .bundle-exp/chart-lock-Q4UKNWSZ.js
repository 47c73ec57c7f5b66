import {
  lockCharts
} from "./chunk-HWQC4VS2.js";
import "./chunk-QSMOCHMN.js";
import "./chunk-RWJVQS3L.js";
import "./chunk-TJWVONZY.js";
import "./chunk-3DJX7KBG.js";
import "./chunk-C4CW35NZ.js";
import "./chunk-6D2R6FHC.js";
import "./chunk-44P4TXDY.js";
import "./chunk-INHVRDHZ.js";
import "./chunk-WVLY2SAW.js";
import "./chunk-PP4OAP52.js";
import "./chunk-GH6ZRYFL.js";
import "./chunk-CFB6N6L3.js";
import "./chunk-VQSVI6AM.js";
import "./chunk-7Q7BMIIO.js";
import "./chunk-EOAQSOO2.js";
import "./chunk-UHBPNIYZ.js";
import "./chunk-EZPMLSU3.js";
import "./chunk-BFLBSBCJ.js";
import "./chunk-DE4Q4URJ.js";
import "./chunk-NZJELPZH.js";
import "./chunk-XLEZOOEL.js";
import "./chunk-4VNS5WPM.js";
export {
  lockCharts
};
