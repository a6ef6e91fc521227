import { redirect } from "next/navigation";

// The fleet overview is the console's home page; /fleet is where its sub-views live.
export default function FleetIndex() {
  redirect("/");
}
