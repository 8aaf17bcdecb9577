// Entry point for the CDK CLI (`cdk.json` runs it with tsx). Everything else imports the builder
// from heed-app.ts instead, which builds the same app without synthesizing it on import.
import { buildHeedApp } from "./heed-app";

buildHeedApp().app.synth();
