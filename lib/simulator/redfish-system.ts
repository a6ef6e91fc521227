// One simulated ComputerSystem behind the simulated Redfish BMC: its power state, its
// one-time boot override, and the Redfish JSON a real BMC would show for it.

export type PowerState = "On" | "Off";

export interface SimulatedSystemOptions {
  id: string;
  username: string;
  password: string;
  powerState?: PowerState;
  /** What the BMC advertises in ResetType@Redfish.AllowableValues. */
  resetTypes?: string[];
  bootTargets?: string[];
}

export const DEFAULT_RESET_TYPES = ["On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "PowerCycle", "PushPowerButton"];
export const DEFAULT_BOOT_TARGETS = ["None", "Pxe", "Hdd", "Cd", "Usb", "BiosSetup"];
const OVERRIDE_MODES = ["Disabled", "Once", "Continuous"];

/** A Redfish error body, as DMTF's Base message registry shapes it. */
export function redfishError(messageId: string, message: string) {
  return { error: { code: `Base.1.8.${messageId}`, message, "@Message.ExtendedInfo": [{ MessageId: `Base.1.8.${messageId}`, Message: message }] } };
}

export class RedfishRefusal extends Error {
  constructor(
    readonly status: number,
    readonly messageId: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ResetOutcome {
  powerBefore: PowerState;
  powerAfter: PowerState;
  /** True when the machine starts booting (power came on or the system was reset). */
  boots: boolean;
  /** The override the boot used ("None" without one); a "Once" override is consumed by it. */
  bootTarget: string;
}

export class SimulatedSystem {
  readonly id: string;
  readonly odataId: string;
  readonly username: string;
  password: string;
  powerState: PowerState;
  readonly resetTypes: string[];
  readonly bootTargets: string[];
  bootTarget = "None";
  bootEnabled = "Disabled";
  private version = 1;

  constructor(opts: SimulatedSystemOptions) {
    this.id = opts.id;
    this.odataId = `/redfish/v1/Systems/${encodeURIComponent(opts.id)}`;
    this.username = opts.username;
    this.password = opts.password;
    this.powerState = opts.powerState ?? "On";
    this.resetTypes = opts.resetTypes ?? DEFAULT_RESET_TYPES;
    this.bootTargets = opts.bootTargets ?? DEFAULT_BOOT_TARGETS;
  }

  get etag(): string {
    return `W/"${this.id}-${this.version}"`;
  }

  toJson() {
    return {
      "@odata.id": this.odataId,
      "@odata.type": "#ComputerSystem.v1_20_0.ComputerSystem",
      Id: this.id,
      Name: `Simulated system ${this.id}`,
      Manufacturer: "Fleetboot simulator",
      PowerState: this.powerState,
      Boot: {
        BootSourceOverrideTarget: this.bootTarget,
        BootSourceOverrideEnabled: this.bootEnabled,
        "BootSourceOverrideTarget@Redfish.AllowableValues": this.bootTargets,
      },
      Actions: {
        "#ComputerSystem.Reset": {
          target: `${this.odataId}/Actions/ComputerSystem.Reset`,
          "ResetType@Redfish.AllowableValues": this.resetTypes,
        },
      },
    };
  }

  patchBoot(body: unknown): void {
    const boot = (body as { Boot?: Record<string, unknown> } | null)?.Boot;
    const unknown = Object.keys((body as object) ?? {}).find((k) => k !== "Boot");
    if (unknown) throw new RedfishRefusal(400, "PropertyNotWritable", `The property ${unknown} is a read only property and cannot be assigned a value.`);
    if (!boot || typeof boot !== "object") throw new RedfishRefusal(400, "PropertyMissing", "The property Boot is a required property and must be included in the request.");
    const target = boot.BootSourceOverrideTarget;
    const enabled = boot.BootSourceOverrideEnabled;
    if (target !== undefined && !this.bootTargets.includes(String(target))) {
      throw new RedfishRefusal(400, "PropertyValueNotInList", `The value ${JSON.stringify(target)} for the property BootSourceOverrideTarget is not in the list of acceptable values.`);
    }
    if (enabled !== undefined && !OVERRIDE_MODES.includes(String(enabled))) {
      throw new RedfishRefusal(400, "PropertyValueNotInList", `The value ${JSON.stringify(enabled)} for the property BootSourceOverrideEnabled is not in the list of acceptable values.`);
    }
    if (target !== undefined) this.bootTarget = String(target);
    if (enabled !== undefined) this.bootEnabled = String(enabled);
    this.version++;
  }

  reset(resetType: unknown): ResetOutcome {
    const type = String(resetType ?? "");
    if (!this.resetTypes.includes(type)) {
      throw new RedfishRefusal(400, "ActionParameterNotSupported", `The parameter ResetType for the action ComputerSystem.Reset does not support the value ${JSON.stringify(resetType)}.`);
    }
    const before = this.powerState;
    let after: PowerState = before;
    if (type === "On") after = "On";
    else if (type === "ForceOff" || type === "GracefulShutdown") after = "Off";
    else if (type === "PushPowerButton") after = before === "On" ? "Off" : "On";
    // Like many real BMCs: a restart needs a running system, but a power cycle of an
    // off system just powers it on.
    else if (type === "PowerCycle") after = "On";
    else if (before === "Off") throw new RedfishRefusal(409, "ActionNotSupported", `The action ${type} cannot be performed while the system is powered off.`);
    if (type === "On" && before === "On") throw new RedfishRefusal(409, "ActionNotSupported", "The system is already powered on.");
    const boots = after === "On" && (before === "Off" || type !== "On");
    const bootTarget = boots && this.bootEnabled !== "Disabled" ? this.bootTarget : "None";
    if (boots && this.bootEnabled === "Once") {
      this.bootEnabled = "Disabled";
      this.bootTarget = "None";
    }
    this.powerState = after;
    this.version++;
    return { powerBefore: before, powerAfter: after, boots, bootTarget };
  }
}
